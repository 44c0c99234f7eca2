// Opens the embedded database and waits: the test kills its process and watches this one restart it, or stop.
import { startEmbedded } from '../../src/server/db/embedded'

const embedded = await startEmbedded(null)
let told: number | undefined
setInterval(() => {
  if (embedded.pid === told) return
  told = embedded.pid
  console.log(`database process ${told}`)
}, 50)
