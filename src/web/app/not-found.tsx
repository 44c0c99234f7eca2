import { Link } from 'react-router'
import { EmptyState } from '@/components/ui/states'

export function NotFound() {
  return (
    <EmptyState title="Такой страницы нет">
      <Link to="/dialogs" className="text-blue-800 underline">
        К диалогам
      </Link>
    </EmptyState>
  )
}
