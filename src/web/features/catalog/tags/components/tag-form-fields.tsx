import type { UseFormRegisterReturn } from 'react-hook-form'
import { Field, fieldDescription } from '../../../../components/ui/field'
import { Input, Textarea } from '../../../../components/ui/input'
import { ColorRadioGroup } from './color-radio-group'

export interface TagFieldProps {
  id: string
  example: string
  fields: { name: UseFormRegisterReturn; color: UseFormRegisterReturn; description: UseFormRegisterReturn }
  errors: { name?: string; color?: string; description?: string }
}

/** The fields of the create and the edit form; each form owns its schema and submit. */
export function TagFormFields({ id, example, fields, errors }: TagFieldProps) {
  return (
    <>
      <Field id={`${id}-name`} label="Название" error={errors.name}>
        <Input
          id={`${id}-name`} autoComplete="off" placeholder={example}
          {...fieldDescription(`${id}-name`, errors.name)} {...fields.name}
        />
      </Field>
      <ColorRadioGroup id={`${id}-color`} field={fields.color} error={errors.color} />
      <Field id={`${id}-description`} label="Описание" error={errors.description} hint="Когда ставить этот тег; видно в каталоге">
        <Textarea
          id={`${id}-description`} rows={2}
          {...fieldDescription(`${id}-description`, errors.description, true)} {...fields.description}
        />
      </Field>
    </>
  )
}
