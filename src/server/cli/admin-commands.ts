import { parseArgs, type ParseArgsConfig } from 'node:util'
import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { idSchema, roleSchema, type Role } from '@shared/common'
import type { Db } from '../db/client'
import { companies, users } from '../db/schema'
import { isUniqueViolation } from '../db/sql-helpers'
import { createCompany, createUser } from '../modules/accounts'

const MIN_PASSWORD_LENGTH = 8

export const ADMIN_USAGE = `Usage:
  npm run admin -- create-company "Company name" --admin <email> --password <password> [--name "Admin name"]
  npm run admin -- create-user --company <company id or name> --email <email> --password <password>
                               --role operator|supervisor|admin [--name "User name"]

Uses DATABASE_URL (PostgreSQL) or the embedded database in DATA_DIR (stop the service first: the
embedded database is used by one process at a time). Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`

/** A mistake of the person at the terminal: printed as is, with a non-zero exit code. */
export class CliError extends Error {}

type AdminCommand =
  | { command: 'create-company'; company: string; email: string; password: string; name: string }
  | { command: 'create-user'; company: string; email: string; password: string; role: Role; name: string }

const text = (flag: string) =>
  z
    .string({ error: `${flag} is required` })
    .trim()
    .min(1, { error: `${flag} must not be empty` })
const email = (flag: string) =>
  text(flag)
    .toLowerCase()
    .pipe(z.email({ error: `${flag} must be an email address` }))
const password = z
  .string({ error: '--password is required' })
  .min(MIN_PASSWORD_LENGTH, { error: `--password must have at least ${MIN_PASSWORD_LENGTH} characters` })

const commands = {
  'create-company': {
    options: { admin: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
    positionals: true,
    schema: z
      .object({
        positionals: z
          .array(z.string())
          .length(1, { error: 'give the company name once, in quotes: create-company "Name" …' }),
        admin: email('--admin'),
        password,
        name: text('--name').max(200).default('Администратор'),
      })
      .transform(({ positionals, admin, ...rest }) => ({ company: positionals[0]!.trim(), email: admin, ...rest }))
      .refine((c) => c.company.length > 0 && c.company.length <= 200, {
        error: 'the company name must have 1 to 200 characters',
      }),
  },
  'create-user': {
    options: {
      company: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
    },
    positionals: false,
    schema: z
      .object({
        company: text('--company'),
        email: email('--email'),
        password,
        role: z
          .string({ error: '--role is required' })
          .pipe(z.enum(roleSchema.options, { error: `--role must be one of: ${roleSchema.options.join(', ')}` })),
        name: text('--name').max(200).optional(),
      })
      .transform((u) => ({ ...u, name: u.name ?? u.email.split('@')[0]! })),
  },
} satisfies Record<string, { options: ParseArgsConfig['options']; positionals: boolean; schema: z.ZodType }>

/** Reads and checks the arguments; throws CliError with a message saying what to fix. */
export function parseAdminCommand(argv: string[]): AdminCommand {
  const [command, ...args] = argv
  if (!command || !(command in commands)) {
    throw new CliError(`${command ? `Unknown command "${command}".` : 'No command given.'}\n\n${ADMIN_USAGE}`)
  }
  const spec = commands[command as keyof typeof commands]
  let values: Record<string, unknown>
  try {
    const parsed = parseArgs({ args, options: spec.options, allowPositionals: spec.positionals, strict: true })
    values = { ...parsed.values, ...(spec.positionals && { positionals: parsed.positionals }) }
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${ADMIN_USAGE}`)
  }
  const result = spec.schema.safeParse(values)
  if (!result.success) {
    throw new CliError(`${command}: ${result.error.issues.map((i) => i.message).join('; ')}\n\n${ADMIN_USAGE}`)
  }
  return { command, ...result.data } as AdminCommand
}

async function assertEmailFree(db: Db, email: string) {
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
  if (taken) throw new CliError(`A user with email ${email} already exists.`)
}

async function findCompany(db: Db, idOrName: string) {
  const byId = idSchema.safeParse(idOrName).success
  const found = await db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(byId ? eq(companies.id, idOrName) : sql`lower(${companies.name}) = lower(${idOrName})`)
  if (found.length === 0) throw new CliError(`No company ${byId ? 'with id' : 'named'} "${idOrName}".`)
  if (found.length > 1) {
    throw new CliError(
      `Several companies are named "${idOrName}"; pass the id instead: ${found.map((c) => c.id).join(', ')}`,
    )
  }
  return found[0]!
}

/** Runs a checked command and returns what to print. */
export async function runAdminCommand(db: Db, cmd: AdminCommand): Promise<string> {
  await assertEmailFree(db, cmd.email)
  try {
    if (cmd.command === 'create-company') {
      // Company names are how create-user finds a company, so they stay unambiguous.
      const [same] = await db
        .select({ id: companies.id })
        .from(companies)
        .where(sql`lower(${companies.name}) = lower(${cmd.company})`)
      if (same) throw new CliError(`A company named "${cmd.company}" already exists (id ${same.id}).`)
      // One transaction: a failed admin leaves no company without an admin behind.
      const { company, user } = await db.transaction(async (tx) => {
        const company = await createCompany(tx as unknown as Db, cmd.company)
        const user = await createUser(tx as unknown as Db, {
          companyId: company.id,
          email: cmd.email,
          name: cmd.name,
          role: 'admin',
          password: cmd.password,
        })
        return { company, user }
      })
      return `Created company "${company.name}" (id ${company.id}) with admin ${user.email} ("${user.name}").`
    }
    const company = await findCompany(db, cmd.company)
    const user = await createUser(db, {
      companyId: company.id,
      email: cmd.email,
      name: cmd.name,
      role: cmd.role,
      password: cmd.password,
    })
    return `Created ${user.role} ${user.email} ("${user.name}", id ${user.id}) in company "${company.name}".`
  } catch (err) {
    // Another process may take the email between the check and the insert.
    if (isUniqueViolation(err)) throw new CliError(`A user with email ${cmd.email} already exists.`)
    throw err
  }
}
