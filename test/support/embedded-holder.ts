// Opens the embedded database and waits: the test kills its process and watches this one stop.
import { startEmbedded } from '../../src/server/db/embedded'

const embedded = await startEmbedded(null)
console.log(`database process ${embedded.pid}`)
setInterval(() => {}, 60_000)
