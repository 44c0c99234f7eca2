import { AttributeCatalog } from '@/features/catalog/attributes/components/attribute-catalog'

export function CatalogAttributesPage() {
  return <AttributeCatalog />
}
