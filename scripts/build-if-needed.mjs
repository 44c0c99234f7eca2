// `npm start` rebuilds the panel (dist/) and the service (dist-server/) only when they are missing or older
// than their sources.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { buildServer, serverOut } from './build-server.mjs'

function newest(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))))
}
const stale = (built, sources) => !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.map(newest))
const shared = ['src/shared', 'package-lock.json', 'tsconfig.json']

if (stale('dist/index.html', ['src/web', 'public', 'index.html', 'vite.config.ts', ...shared])) {
  console.log('Building the panel (first start or changed sources)…')
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
if (stale(`${serverOut}/main.js`, ['src/server', 'scripts/build-server.mjs', ...shared])) {
  console.log('Building the service (first start or changed sources)…')
  await buildServer()
}
