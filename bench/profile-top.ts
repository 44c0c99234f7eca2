// npx tsx bench/profile-top.ts <file.cpuprofile> [n]: where a CPU profile's time went, grouped by package
// (node_modules/<name>) or by our own file, with the top functions of each, as the note quotes it.
import { readFileSync } from 'node:fs'

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }
const [file, top = '12'] = process.argv.slice(2)
const profile = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: Node[] }
const total = profile.nodes.reduce((n, node) => n + node.hitCount, 0)

const groupOf = ({ url, functionName }: Node['callFrame']) => {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]!
  if (url.startsWith('node:')) return 'node internals'
  return url.replace(/^.*\/(src|bench)\//, '$1/')
}
const byGroup = new Map<string, number>()
const byFunction = new Map<string, number>()
for (const node of profile.nodes) {
  const group = groupOf(node.callFrame)
  byGroup.set(group, (byGroup.get(group) ?? 0) + node.hitCount)
  const fn = `${group} ${node.callFrame.functionName || '(anonymous)'}:${node.callFrame.lineNumber + 1}`
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + node.hitCount)
}
const show = (map: Map<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(top))
    .forEach(([name, hits]) => console.log(`${((hits / total) * 100).toFixed(1).padStart(5)} %  ${name}`))
console.log('By package or file (self time):')
show(byGroup)
console.log('\nBy function (self time):')
show(byFunction)
