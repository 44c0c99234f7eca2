import type { UseFormRegisterReturn } from 'react-hook-form'
import { TAG_COLOR_LABELS, TAG_COLORS } from '@shared/tags'
import { ColorDot } from '@/components/ui/chip'

/**
 * The palette as a real radio group: arrows move between colours, each is named in Russian, so the
 * choice never rests on telling colours apart.
 */
export function ColorRadioGroup({ id, field, error }: { id: string; field: UseFormRegisterReturn; error?: string }) {
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} className="space-y-1.5">
      <legend className="text-sm font-medium text-slate-800">Цвет</legend>
      {/* As many columns as fit whole names ("Фиолетовый"): the buttons never overlap. */}
      <div className="grid grid-cols-[repeat(auto-fill,minmax(7.5rem,1fr))] gap-1.5">
        {TAG_COLORS.map((color) => (
          <label
            key={color}
            className="flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1.5 text-xs text-slate-800 ring-1 ring-slate-200 hover:bg-slate-50 has-checked:bg-blue-50 has-checked:ring-2 has-checked:ring-blue-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-blue-600"
          >
            <input type="radio" value={color} className="sr-only" {...field} />
            <ColorDot color={color} className="size-3" />
            {TAG_COLOR_LABELS[color]}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  )
}
