import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CliError, parseAdminCommand, runAdminCommand } from '../../src/server/cli/admin-commands'
import { makeCompany, t, useTestApp } from '../support/app'
import { call } from '../support/api'

useTestApp()

const unique = () => randomUUID().slice(0, 8)
const admin = (...argv: string[]) => runAdminCommand(t.db, parseAdminCommand(argv))
const login = (email: string, password: string) => call(t, null, 'POST', '/auth/login', { email, password })
const refusal = (argv: string[]) => {
  try {
    parseAdminCommand(argv)
  } catch (err) {
    expect(err).toBeInstanceOf(CliError)
    return (err as Error).message
  }
  throw new Error(`accepted: ${argv.join(' ')}`)
}

describe('npm run admin', () => {
  it('creates a company with its first admin, who can then sign in', async () => {
    const name = `ООО Ромашка ${unique()}`
    const email = `Boss-${unique()}@Romashka.test`
    const out = await admin(
      'create-company',
      name,
      '--admin',
      email,
      '--password',
      'long-enough',
      '--name',
      'Ирина Босс',
    )
    expect(out).toContain(`Created company "${name}"`)
    const res = await login(email, 'long-enough')
    expect(res.statusCode).toBe(200)
    expect(res.json().user).toMatchObject({
      email: email.toLowerCase(),
      name: 'Ирина Босс',
      role: 'admin',
      companyName: name,
    })
  })

  it('adds users to a company found by id or by name', async () => {
    const { company } = await makeCompany(t)
    const byId = `op-${unique()}@test.ru`
    expect(
      await admin(
        'create-user',
        '--company',
        company.id,
        '--email',
        byId,
        '--password',
        'password1',
        '--role',
        'operator',
      ),
    ).toContain(`Created operator ${byId}`)
    const byName = `sup-${unique()}@test.ru`
    await admin(
      'create-user',
      '--company',
      company.name.toUpperCase(),
      '--email',
      byName,
      '--password',
      'password2',
      '--role',
      'supervisor',
      '--name',
      'Смена 2',
    )

    expect((await login(byId, 'password1')).json().user).toMatchObject({
      role: 'operator',
      companyId: company.id,
      name: byId.split('@')[0],
    })
    expect((await login(byName, 'password2')).json().user).toMatchObject({
      role: 'supervisor',
      companyId: company.id,
      name: 'Смена 2',
    })
  })

  it('refuses a taken email, an unknown company and a duplicate company name with a clear message', async () => {
    const { company, operator } = await makeCompany(t)
    await expect(
      admin(
        'create-user',
        '--company',
        company.id,
        '--email',
        operator.email.toUpperCase(),
        '--password',
        'password1',
        '--role',
        'admin',
      ),
    ).rejects.toThrow(`A user with email ${operator.email} already exists.`)
    await expect(
      admin('create-company', `Новая ${unique()}`, '--admin', operator.email, '--password', 'password1'),
    ).rejects.toThrow('already exists')
    await expect(
      admin(
        'create-user',
        '--company',
        'Нет такой',
        '--email',
        `x-${unique()}@test.ru`,
        '--password',
        'password1',
        '--role',
        'operator',
      ),
    ).rejects.toThrow('No company named "Нет такой"')
    await expect(
      admin(
        'create-user',
        '--company',
        randomUUID(),
        '--email',
        `x-${unique()}@test.ru`,
        '--password',
        'password1',
        '--role',
        'operator',
      ),
    ).rejects.toThrow('No company with id')
    await expect(
      admin('create-company', company.name, '--admin', `y-${unique()}@test.ru`, '--password', 'password1'),
    ).rejects.toThrow(`A company named "${company.name}" already exists`)
  })

  it('refuses a taken admin email without creating the company', async () => {
    const { operator } = await makeCompany(t)
    const name = `Сирота ${unique()}`
    await expect(admin('create-company', name, '--admin', operator.email, '--password', 'password1')).rejects.toThrow(
      CliError,
    )
    // The name is still free: nothing was created.
    expect(
      await admin('create-company', name, '--admin', `z-${unique()}@test.ru`, '--password', 'password1'),
    ).toContain('Created company')
  })

  it('checks the arguments before touching the database', () => {
    expect(refusal([])).toContain('No command given')
    expect(refusal(['drop-everything'])).toContain('Unknown command "drop-everything"')
    expect(refusal(['create-company', '--admin', 'a@b.ru', '--password', 'password1'])).toContain('company name')
    expect(refusal(['create-company', 'A', 'B', '--admin', 'a@b.ru', '--password', 'password1'])).toContain(
      'company name',
    )
    expect(refusal(['create-company', 'A', '--password', 'password1'])).toContain('--admin is required')
    expect(refusal(['create-company', 'A', '--admin', 'not-an-email', '--password', 'password1'])).toContain(
      '--admin must be an email',
    )
    expect(refusal(['create-company', 'A', '--admin', 'a@b.ru', '--password', 'short'])).toContain(
      'at least 8 characters',
    )
    expect(
      refusal(['create-company', 'A', '--admin', 'a@b.ru', '--password', 'password1', '--role', 'admin']),
    ).toContain("'--role'")
    expect(refusal(['create-user', '--company', 'A', '--email', 'a@b.ru', '--password', 'password1'])).toContain(
      '--role is required',
    )
    expect(
      refusal(['create-user', '--company', 'A', '--email', 'a@b.ru', '--password', 'password1', '--role', 'root']),
    ).toContain('--role must be one of: operator, supervisor, admin')
    expect(refusal(['create-user', '--email', 'a@b.ru', '--password', 'password1', '--role', 'admin'])).toContain(
      '--company is required',
    )
    expect(refusal(['create-user', 'extra', '--company', 'A'])).toContain('Usage:')
  })
})
