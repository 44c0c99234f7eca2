// Adds up vitest JSON reports into one closing line: "Tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

let passed = 0,
  failed = 0,
  skipped = 0
for (const file of process.argv.slice(2)) {
  const r = JSON.parse(readFileSync(file, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests
  skipped += r.numPendingTests + r.numTodoTests
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
