// `npm run dev`: the service restarted on change (API on :3001) and Vite with hot reload on :3000.
import { spawn } from 'node:child_process'

const apiPort = process.env.API_PORT ?? '3001'
const bin = (name) => `node_modules/.bin/${name}`
const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'src/server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort },
  }),
  spawn(bin('vite'), [], { stdio: 'inherit', env: { ...process.env, API_URL: `http://127.0.0.1:${apiPort}` } }),
]
const stop = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const c of children)
  c.on('exit', (code) => {
    stop()
    process.exitCode ||= code ?? 0
  })
