import { Controller, type UseFormReturn } from 'react-hook-form'
import { attributeEditorSchema, editorLabels, type AttributeInput } from '@shared/attributes'
import type { Role } from '@shared/common'
import type { AttributeFields } from './attribute-form'

const SHOWN_TO: { role: Role; label: string }[] = [
  { role: 'operator', label: 'Операторы' },
  { role: 'supervisor', label: 'Руководители' },
]
const selectClass = 'h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm'

/** Who sees the parameter (admins always do) and who changes its values. */
export function AccessFields({ form }: { form: UseFormReturn<AttributeFields, unknown, AttributeInput> }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Controller
        control={form.control}
        name="visibleTo"
        render={({ field }) => {
          const seen = field.value ?? ['operator', 'supervisor', 'admin']
          return (
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium text-slate-800">Кто видит</legend>
              {SHOWN_TO.map(({ role, label }) => (
                <label key={role} className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    className="size-4"
                    checked={seen.includes(role)}
                    onChange={(e) =>
                      field.onChange(e.target.checked ? [...seen, role] : seen.filter((r) => r !== role))
                    }
                  />
                  {label}
                </label>
              ))}
              <p className="text-xs text-slate-600">Администраторы видят все параметры</p>
              {form.formState.errors.visibleTo && (
                <p role="alert" className="text-sm text-red-700">
                  {form.formState.errors.visibleTo.message}
                </p>
              )}
            </fieldset>
          )
        }}
      />
      <div className="space-y-1.5">
        <label htmlFor="attribute-editable-by" className="block text-sm font-medium text-slate-800">
          Кто меняет
        </label>
        <select id="attribute-editable-by" className={selectClass} {...form.register('editableBy')}>
          {attributeEditorSchema.options.map((e) => (
            <option key={e} value={e}>
              {editorLabels[e]}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}
