// Summarises a V8 .cpuprofile (from `npm run bench -- --profile DIR`): self time per function, heaviest first.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

type Node = { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }
type Profile = { nodes: Node[], samples: number[], timeDeltas: number[] }

const dir = process.argv[2]
if (!dir) throw new Error('usage: tsx test/bench/profile-summary.ts DIR [top] [last-seconds]')
const top = Number(process.argv[3] ?? 30)
// Only the samples of the last N seconds (the scenario that ran last), when given.
const lastUs = process.argv[4] ? Number(process.argv[4]) * 1e6 : Infinity
for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  let total = 0
  const at: number[] = []
  profile.timeDeltas.reduce((t, dt, i) => (at[i] = t + dt), 0)
  const end = at[at.length - 1] ?? 0
  profile.samples.forEach((id, i) => {
    if (end - at[i]! > lastUs) return
    const node = byId.get(id)!
    const where = node.callFrame.url ? `${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|db|schemas)\//, '$1/')}:${node.callFrame.lineNumber + 1}` : ''
    const key = `${node.callFrame.functionName || '(anonymous)'} ${where}`
    const dt = profile.timeDeltas[i] ?? 0
    self.set(key, (self.get(key) ?? 0) + dt)
    total += dt
  })
  process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n`)
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${(100 * us / total).toFixed(1).padStart(5)} %  ${key}\n`)
  }
}
