import * as Popover from '@radix-ui/react-popover'
import { PopoverContent } from '@/components/ui/popover'
import { format, isValid, parse } from 'date-fns'
import { ru } from 'date-fns/locale/ru'
import { CalendarDays } from 'lucide-react'
import { useState, type ComponentProps } from 'react'
import { DayPicker } from 'react-day-picker'
import 'react-day-picker/style.css'
import { Input } from './input'

const RU = 'dd.MM.yyyy'

interface DateInputProps extends Omit<ComponentProps<'input'>, 'value' | 'onChange' | 'type'> {
  /** What the operator typed, `ДД.ММ.ГГГГ`. */
  value: string
  onChange: (text: string) => void
  /** A day picked in the calendar: the whole edit. */
  onPick: (text: string) => void
  /** Names the field in the calendar button's label. */
  label: string
}

/**
 * A date typed the Russian way (`15.03.1990`) whatever the browser's language, with a calendar in
 * Russian, Monday first. The text stays as typed: the caller checks it and says what is wrong.
 */
export function DateInput({ value, onChange, onPick, label, ...props }: DateInputProps) {
  const [open, setOpen] = useState(false)
  const typed = parse(value, RU, new Date())
  const selected = isValid(typed) ? typed : undefined
  return (
    <div className="flex items-center gap-1">
      <Input
        {...props}
        type="text"
        inputMode="numeric"
        placeholder="ДД.ММ.ГГГГ"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger
          type="button"
          aria-label={`Календарь: ${label}`}
          className="rounded-md p-2 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          <CalendarDays aria-hidden className="size-4" />
        </Popover.Trigger>
        {/* Marked as part of the field it belongs to: moving into the calendar is not leaving the field. */}
        <PopoverContent data-part-of-field="" align="end" aria-label={`Календарь: ${label}`}>
          <DayPicker
            mode="single"
            locale={ru}
            weekStartsOn={1}
            captionLayout="dropdown"
            startMonth={new Date(1900, 0)}
            endMonth={new Date(2100, 11)}
            selected={selected}
            defaultMonth={selected}
            onSelect={(day) => {
              if (!day) return
              setOpen(false)
              onPick(format(day, RU))
            }}
          />
        </PopoverContent>
      </Popover.Root>
    </div>
  )
}
