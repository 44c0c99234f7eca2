import { expect } from 'vitest'
import type { Attribute } from '@shared/attributes'
import type { Client } from '@shared/clients'
import type { Tag } from '@shared/tags'
import type { TestApp, TestCompany } from './app'
import { call } from './api'

type Who = { auth: Record<string, string> }

/** Builders for client cards over the real API, for the directory, history, review and export tests. */
export function cards(t: TestApp, c: TestCompany) {
  const ok = async <T>(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) => {
    const r = await res
    expect(r.statusCode, r.body).toBe(status)
    return r.json() as T
  }
  return {
    attribute: (body: { name: string; type?: string; options?: string[] }) =>
      ok<Attribute>(call(t, c.admin, 'POST', '/clients/attributes', body), 201),
    client: (body: { name?: string | null; phone?: string; email?: string; externalId?: string }) =>
      ok<Client>(call(t, c.operator, 'POST', '/clients', body), 201),
    tag: (name: string) => ok<Tag>(call(t, c.admin, 'POST', '/clients/tags', { tag: name }), 201),
    set: (clientId: string, attributeId: string, value: string | null, who: Who = c.operator) =>
      ok(call(t, who, 'POST', `/clients/${clientId}/attributes/${attributeId}`, { value })),
    addTag: (clientId: string, tagId: string, who: Who = c.operator) =>
      ok(call(t, who, 'PUT', `/clients/${clientId}/tags/${tagId}`)),
    removeTag: (clientId: string, tagId: string, who: Who = c.operator) =>
      ok(call(t, who, 'DELETE', `/clients/${clientId}/tags/${tagId}`)),
  }
}

/**
 * `length` characters of Cyrillic and Chinese in no order (the same for the same `seed`): text that hardly
 * compresses, so that 2,000 of them do not fit a B-tree key as a value.
 */
export function variedText(length: number, seed = 11) {
  const letters = [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ中文字符測試數據']
  return Array.from({ length }, () => letters[(seed = (seed * 48271) % 2147483647) % letters.length]).join('')
}
