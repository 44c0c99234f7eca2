// Builds the service into dist-server/: one ES module per process (the service and its embedded database),
// dependencies left in node_modules, migrations copied beside them. Run by `npm run build` and, when the
// sources changed, by `npm start`.
import { cpSync, rmSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

export const serverOut = 'dist-server'

export async function buildServer() {
  rmSync(serverOut, { recursive: true, force: true })
  await build({
    entryPoints: { main: 'src/server/main.ts', 'embedded-process': 'src/server/db/embedded-process.ts' },
    outdir: serverOut,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  })
  cpSync('src/server/db/migrations', `${serverOut}/migrations`, { recursive: true })
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer()
