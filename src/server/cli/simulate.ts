import { describeError } from './describe-error'
import { parseSimulateArgs, runSimulation, SIMULATE_USAGE, type SimulationOptions } from './simulation'

// npm run simulate -- [--rate N] [--count N] …   (see SIMULATE_USAGE)
const argv = process.argv.slice(2)
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(SIMULATE_USAGE)
  process.exit(0)
}

let opts: SimulationOptions
try {
  opts = parseSimulateArgs(argv)
} catch (err) {
  console.error(`${(err as Error).message}\n\n${SIMULATE_USAGE}`)
  process.exit(1)
}

const stop = new AbortController()
const onSignal = () => {
  // A second Ctrl+C does not wait for the request in flight.
  if (stop.signal.aborted) process.exit(130)
  console.log('\nStopping…')
  stop.abort()
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

try {
  const { sent, dialogues } = await runSimulation(opts, (line) => console.log(line), stop.signal)
  console.log(`Done: ${sent} message${sent === 1 ? '' : 's'} sent, ${dialogues} of them started new dialogues.`)
} catch (err) {
  console.error(`Simulation stopped: ${describeError(err)}`)
  if (/ECONNREFUSED|fetch failed/.test(describeError(err)))
    console.error(`Is the service running at ${opts.url}? Start it with npm start.`)
  process.exitCode = 1
}
