import { loadConfig } from '../config'
import { openDatabase } from '../db/client'
import { ADMIN_USAGE, CliError, parseAdminCommand, runAdminCommand } from './admin-commands'
import { describeError } from './describe-error'

// npm run admin -- create-company … | create-user …   (see ADMIN_USAGE)
const argv = process.argv.slice(2)
if (argv[0] === 'help' || argv.includes('--help') || argv.includes('-h')) {
  console.log(ADMIN_USAGE)
  process.exit(0)
}

try {
  // Arguments are checked before the database is opened, so a typo costs nothing.
  const command = parseAdminCommand(argv)
  const config = loadConfig()
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? null : config.DATA_DIR,
  })
  try {
    await database.migrate()
    console.log(await runAdminCommand(database.db, command))
  } finally {
    await database.close()
  }
} catch (err) {
  console.error(err instanceof CliError ? err.message : `Error: ${describeError(err)}`)
  process.exitCode = 1
}
