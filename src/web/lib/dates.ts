// Dates live apart from @shared/labels so that date-fns and its locale load with the pages, not the shell.
import { format, formatDistanceToNowStrict, isToday } from 'date-fns'
import { ru } from 'date-fns/locale/ru'

export const formatRelative = (iso: string) => {
  const date = new Date(iso)
  return Date.now() - date.getTime() < 60_000
    ? 'только что'
    : formatDistanceToNowStrict(date, { addSuffix: true, locale: ru })
}

/** How long something has waited: «3 минуты», «меньше минуты». */
export const formatWaiting = (iso: string) =>
  Date.now() - new Date(iso).getTime() < 60_000
    ? 'меньше минуты'
    : formatDistanceToNowStrict(new Date(iso), { locale: ru })

export const formatDateTime = (iso: string) => format(new Date(iso), 'd MMMM yyyy, HH:mm', { locale: ru })

/** Time alone today, date and time otherwise. */
export const formatMessageTime = (iso: string) => {
  const date = new Date(iso)
  return format(date, isToday(date) ? 'HH:mm' : 'd MMM, HH:mm', { locale: ru })
}
