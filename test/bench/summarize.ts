// Prints the README's performance tables (markdown) from one or more `npm run bench -- --json FILE` outputs.
// npx tsx test/bench/summarize.ts small.json large.json
import { readFileSync } from 'node:fs'
import type { SizeRun, TargetCheck } from './report.ts'
import { checkTargets, ratioTo } from './report.ts'

type BenchJson = { machine: { cpus: number, cpuModel: string, memoryGb: number, node: string, loadAverageAtStart: number[] }, runs: SizeRun[], checks: TargetCheck[], seconds: number, finishedAt: string }

const files = process.argv.slice(2)
if (files.length === 0) throw new Error('usage: tsx test/bench/summarize.ts FILE.json [FILE.json ...]')
const loaded = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as BenchJson)
const runs = loaded.flatMap((b) => b.runs).sort((a, b) => a.orders - b.orders)
const fmt = (n: number | undefined, digits = 1) => n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits)
const out: string[] = []
for (const b of loaded) {
  out.push(`- ${b.runs.map((r) => r.orders.toLocaleString('en')).join(', ')} orders: ${b.machine.cpus} × ${b.machine.cpuModel}, ${b.machine.memoryGb} GB, Node ${b.machine.node}, load average at start ${b.machine.loadAverageAtStart.join(' / ')}, whole run ${fmt(b.seconds / 60)} min, finished ${b.finishedAt}`)
}
out.push('')
const sizes = runs.map((r) => r.orders.toLocaleString('en'))
out.push(`| scenario | ${sizes.map((s) => `req/s @ ${s}`).join(' | ')} | ${sizes.map((s) => `p50 / p99 ms @ ${s}`).join(' | ')} | ${sizes.map((s) => `vs ref @ ${s}`).join(' | ')} |`)
out.push(`|---|${sizes.map(() => '---:').join('|')}|${sizes.map(() => '---:').join('|')}|${sizes.map(() => '---:').join('|')}|`)
const names = [...new Set(runs.flatMap((r) => r.figures.map((f) => f.name)))]
for (const name of names) {
  const per = runs.map((r) => ({ run: r, f: r.figures.find((x) => x.name === name) }))
  const rps = per.map(({ f }) => fmt(f?.rps, 0))
  const lat = per.map(({ f }) => f ? `${fmt(f.p50)} / ${fmt(f.p99)}` : '–')
  const ratio = per.map(({ run, f }) => { const r = f ? ratioTo(run, f) : undefined; return r === undefined ? '' : `${r.toFixed(2)}×` })
  const c = per.find((p) => p.f)?.f?.connections
  out.push(`| ${name}${c === 1 ? ' (c=1)' : ''} | ${rps.join(' | ')} | ${lat.join(' | ')} | ${ratio.join(' | ')} |`)
}
out.push('')
out.push(`| | ${sizes.join(' | ')} |`)
out.push(`|---|${sizes.map(() => '---:').join('|')}|`)
out.push(`| generation (s) | ${runs.map((r) => fmt(r.generateSeconds, 0)).join(' | ')} |`)
out.push(`| database file (MB) | ${runs.map((r) => fmt(r.fileMb, 0)).join(' | ')} |`)
out.push(`| app VmRSS peak while serving (MB) | ${runs.map((r) => fmt(Math.max(...r.figures.filter((f) => f.target === 'app').map((f) => f.rssPeakMb)), 0)).join(' | ')} |`)
out.push(`| app VmHWM incl. logins (MB) | ${runs.map((r) => fmt(r.appPeakMb, 0)).join(' | ')} |`)
out.push(`| non-2xx responses | ${runs.map((r) => String(r.figures.reduce((s, f) => s + f.non2xx + f.errors, 0))).join(' | ')} |`)
out.push('')
out.push('| target | measured | holds |')
out.push('|---|---|---|')
for (const c of checkTargets(runs)) out.push(`| ${c.target} | ${c.value} | ${c.holds === null ? '?' : c.holds ? 'yes' : '**no**'} |`)
process.stdout.write(`${out.join('\n')}\n`)
