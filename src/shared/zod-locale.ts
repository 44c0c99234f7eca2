import { z } from 'zod'

// Validation messages a Russian-speaking operator or integrator can read, on both sides of the API: plain
// sentences («Длиннее 200 символов»), not the generic locale's «ожидалось, что string будет иметь <=200
// символов». What is not listed here falls back to that locale.

const kinds: Record<string, string> = {
  string: 'текст',
  number: 'число',
  int: 'целое число',
  boolean: 'да или нет (true или false)',
  array: 'список',
  object: 'объект',
  date: 'дата',
  bigint: 'целое число',
}

/** After «длиннее», «больше»: 21 символа, 200 символов. */
const counted = (n: number | bigint, one: string, many: string) =>
  `${n} ${Number(n) % 10 === 1 && Number(n) % 100 !== 11 ? one : many}`
const chars = (n: number | bigint) => counted(n, 'символа', 'символов')
const items = (n: number | bigint) => counted(n, 'элемента', 'элементов')

const formats: Record<string, string> = {
  email: 'Некорректный адрес почты',
  url: 'Некорректный адрес ссылки',
  uuid: 'Ожидается идентификатор (UUID)',
  datetime: 'Ожидается дата и время, например 2024-05-01T12:00:00Z',
  date: 'Ожидается дата ГГГГ-ММ-ДД',
}

function message(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'too_big': {
      const n = issue.maximum as number
      if (issue.origin === 'string') return `Длиннее ${chars(n)}`
      if (issue.origin === 'array' || issue.origin === 'set') return `Больше ${items(n)}`
      if (issue.origin === 'number' || issue.origin === 'int') return `Не больше ${n}`
      return undefined
    }
    case 'too_small': {
      const n = issue.minimum as number
      if (issue.origin === 'string') return Number(n) <= 1 ? 'Не может быть пустым' : `Короче ${chars(n)}`
      if (issue.origin === 'array' || issue.origin === 'set')
        return Number(n) <= 1 ? 'Нужен хотя бы один элемент' : `Меньше ${items(n)}`
      if (issue.origin === 'number' || issue.origin === 'int') return `Не меньше ${n}`
      return undefined
    }
    case 'invalid_type':
      return issue.input === undefined
        ? 'Обязательное поле'
        : kinds[issue.expected]
          ? `Ожидается ${kinds[issue.expected]}`
          : undefined
    case 'invalid_format':
      return formats[issue.format] ?? undefined
    case 'invalid_value':
      return `Ожидается одно из: ${issue.values.map((v) => String(v)).join(', ')}`
    case 'unrecognized_keys':
      return `Неизвестные поля: ${issue.keys.join(', ')}`
    case 'not_multiple_of':
      return `Должно делиться на ${issue.divisor}`
    default:
      return undefined
  }
}

z.config(z.locales.ru())
z.config({ customError: message })
