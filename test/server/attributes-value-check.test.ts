import { describe, expect, it } from 'vitest'
import { checkAttributeValue, MAX_ATTRIBUTE_VALUE, type AttributeType } from '@shared/attributes'
import { getCountries, getExampleNumber } from 'libphonenumber-js/min'
import examples from 'libphonenumber-js/mobile/examples'
import { checkPhone, formatPhone, phoneFormatter } from '@shared/phones'

// As the service checks: phones by the plan of the company's country (RU here).
const ok = (type: AttributeType, raw: string | null, options: string[] = []) => {
  const r = checkAttributeValue(type, options, raw, checkPhone)
  if (!r.ok) throw new Error(`${type} ${JSON.stringify(raw)}: ${r.error}`)
  return r.value
}
const error = (type: AttributeType, raw: string, options: string[] = []) => {
  const r = checkAttributeValue(type, options, raw, checkPhone)
  if (r.ok) throw new Error(`${type} ${JSON.stringify(raw)} passed as ${JSON.stringify(r.value)}`)
  return r.error
}

describe('checkAttributeValue', () => {
  it('clears on null, undefined, "" and blanks for every type', () => {
    for (const type of ['text', 'number', 'date', 'boolean', 'select', 'email', 'phone', 'link'] as const) {
      for (const raw of [null, undefined, '', '   \n'])
        expect(checkAttributeValue(type, [], raw)).toEqual({ ok: true, value: null })
    }
  })

  it('limits every type to 2000 characters after trimming', () => {
    expect(ok('text', `  ${'a'.repeat(MAX_ATTRIBUTE_VALUE)}  `)).toHaveLength(MAX_ATTRIBUTE_VALUE)
    expect(error('text', 'a'.repeat(MAX_ATTRIBUTE_VALUE + 1))).toBe('Значение длиннее 2000 символов')
    expect(error('number', '1'.repeat(MAX_ATTRIBUTE_VALUE + 1))).toMatch(/2000/)
  })

  it('keeps text as typed apart from surrounding blanks', () => {
    expect(ok('text', ' <b>Привет</b> 👋\nещё ')).toBe('<b>Привет</b> 👋\nещё')
  })

  it('takes decimal numbers with a comma or a dot and grouped thousands, stored with a dot', () => {
    expect(ok('number', '42')).toBe('42')
    expect(ok('number', '-3,14')).toBe('-3.14')
    expect(ok('number', '+0.5')).toBe('0.5')
    expect(ok('number', '1 250 000,75')).toBe('1250000.75')
    expect(ok('number', '1\u00a0250')).toBe('1250')
    for (const bad of ['abc', '1,2,3', '1e5', '.5', '5.', '12 34', 'NaN', 'Infinity', '--1', '1 2345']) {
      expect(error('number', bad)).toBe('Ожидается число, например 42 или 3,14')
    }
  })

  it('takes real calendar dates as YYYY-MM-DD or day first (DD.MM.YYYY, with or without separators), stored as YYYY-MM-DD', () => {
    expect(ok('date', '2024-02-29')).toBe('2024-02-29')
    expect(ok('date', '31.12.1999')).toBe('1999-12-31')
    expect(ok('date', '15041988')).toBe('1988-04-15')
    expect(ok('date', '5.4.1988')).toBe('1988-04-05')
    expect(ok('date', '15/04/1988')).toBe('1988-04-15')
    expect(error('date', '2024-02-30')).toBe('Такой даты нет в календаре: 2024-02-30')
    expect(error('date', '2023-02-29')).toMatch(/даты нет/)
    expect(error('date', '2024-13-01')).toMatch(/даты нет/)
    expect(error('date', '0000-01-01')).toMatch(/даты нет/)
    // Told in the form it was typed in.
    expect(error('date', '31.04.2024')).toBe('Такой даты нет в календаре: 31.04.2024')
    expect(error('date', '31.02.1980')).toBe('Такой даты нет в календаре: 31.02.1980')
    expect(error('date', '31021980')).toBe('Такой даты нет в календаре: 31.02.1980')
    expect(error('date', '2024-13-01')).toBe('Такой даты нет в календаре: 2024-13-01')
    for (const bad of ['2024-2-3', '2024/02/03', 'завтра', '2024-02-03T10:00', '1504198']) {
      expect(error('date', bad)).toBe('Ожидается дата ДД.ММ.ГГГГ, например 29.02.2024 (или ГГГГ-ММ-ДД)')
    }
  })

  it('takes yes and no in Russian and English, in any case, stored as true and false', () => {
    for (const yes of ['TRUE', 'да', 'Да', '1', 'yes']) expect(ok('boolean', yes)).toBe('true')
    for (const no of ['false', 'нет', '0', 'NO']) expect(ok('boolean', no)).toBe('false')
    for (const bad of ['может быть', '2', 'y'])
      expect(error('boolean', bad)).toBe('Ожидается да или нет (true или false)')
  })

  it('takes one of the options, matching case to the option', () => {
    const options = ['Золото', 'Серебро']
    expect(ok('select', 'Золото', options)).toBe('Золото')
    expect(ok('select', ' серебро ', options)).toBe('Серебро')
    expect(error('select', 'Бронза', options)).toBe('Выберите один из вариантов: Золото, Серебро')
    expect(error('select', 'x', [])).toBe('У параметра нет вариантов для выбора')
    const many = Array.from({ length: 12 }, (_, i) => `в${i}`)
    expect(error('select', 'x', many)).toMatch(/в9, …$/)
  })

  it('takes email addresses', () => {
    expect(ok('email', 'ivan.petrov@example.ru')).toBe('ivan.petrov@example.ru')
    for (const bad of ['ivan', 'ivan@', '@example.ru', 'ivan @example.ru', 'ivan@example']) {
      expect(error('email', bad)).toMatch(/Некорректный адрес почты/)
    }
  })

  it('stores phones in E.164 however they are typed, Russian ones with +7', () => {
    for (const typed of [
      '+7 (912) 345-67-89',
      '89123456789',
      '8 (912) 345 67 89',
      '9123456789',
      '912 345-67-89',
      '+79123456789',
    ]) {
      expect(ok('phone', typed)).toBe('+79123456789')
    }
    expect(ok('phone', '+44 20 7946 0958')).toBe('+442079460958')
    // An extension is kept after the number (RFC 3966).
    expect(ok('phone', '8 912 345-67-89 доб. 123')).toBe('+79123456789;ext=123')
    // A number the plan of its country does not have is not a phone, whatever its length.
    for (const bad of [
      '12345',
      '1234',
      '1'.repeat(16),
      '+7 912 abc',
      '7+912345',
      '+7.912.345',
      'позвонить',
      '+7 012 345-67-89',
    ]) {
      expect(error('phone', bad)).toMatch(/Некорректный телефон/)
    }
    // A company elsewhere reads numbers without a country code as its own.
    expect(checkPhone('29 123-45-67', 'BY')).toEqual({ ok: true, value: '+375291234567' })
    expect(checkPhone('29 123-45-67', 'RU').ok).toBe(false)
  })

  it('shows a phone as its own country writes it: nationally at home, with the code from abroad, the extension as «доб.»', () => {
    expect(formatPhone('+79123456789')).toBe('8 (912) 345-67-89')
    expect(formatPhone('+79123456789;ext=123')).toBe('8 (912) 345-67-89 доб. 123')
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958')
    expect(formatPhone('12345')).toBe('12345')
  })

  it("groups many numbers as formatPhone does each, for every country's numbers, at home and from abroad", () => {
    let seed = 7
    const digit = () => (seed = (seed * 48271) % 2147483647) % 10
    for (const home of ['RU', 'KZ', 'DE', 'US']) {
      const many = phoneFormatter(home)
      for (const country of getCountries()) {
        const example = getExampleNumber(country, examples)?.number
        if (!example) continue
        for (let i = 0; i < 40; i++) {
          // The example with its last 1 to all-but-6 digits changed: the valid ones are what a card stores.
          const kept = example.length - 1 - (i % (example.length - 7))
          const stored = example.slice(0, kept) + Array.from(example.slice(kept), digit).join('')
          if (formatPhone(stored, home) !== stored) expect(many(stored), stored).toBe(formatPhone(stored, home))
        }
      }
    }
    const many = phoneFormatter('RU')
    expect(['+79123456789;ext=123', '+79123456789', '+79123450000', '12345'].map(many)).toEqual([
      '8 (912) 345-67-89 доб. 123',
      '8 (912) 345-67-89',
      '8 (912) 345-00-00',
      '12345',
    ])
  })

  it('takes http and https links, adds https to a bare domain and refuses other schemes', () => {
    expect(ok('link', 'https://example.ru/a?b=c#d')).toBe('https://example.ru/a?b=c#d')
    expect(ok('link', 'http://localhost:3000')).toBe('http://localhost:3000')
    expect(ok('link', 'пример.рф')).toBe('https://пример.рф')
    expect(ok('link', 'vk.com/id1')).toBe('https://vk.com/id1')
    for (const bad of [
      'javascript:alert(1)',
      'ftp://example.ru',
      'mailto:a@b.ru',
      'просто текст',
      'https://',
      'https://exa mple.ru',
      'localhost',
    ]) {
      expect(error('link', bad)).toMatch(/Ожидается ссылка/)
    }
  })
})
