// Prints the figures of a run as a table, and checks them against the targets of issue 7.
import type { Figures } from './load.ts'

export type SizeRun = {
  /** Absent in runs from before engines: SQLite, one process. */
  engine?: 'sqlite' | 'postgres', processes?: number, databaseMb?: number, copySeconds?: number
  orders: number, generateSeconds: number, fileMb: number, rows: Record<string, number>, figures: Figures[], appPeakMb: number, referencePeakMb: number
}
export type TargetCheck = { target: string, value: string, holds: boolean | null }

const fixed = (n: number, digits = 1) => Number.isFinite(n) ? n.toFixed(digits) : '-'
const pad = (s: string, n: number) => s.length >= n ? s : s + ' '.repeat(n - s.length)
const lpad = (s: string, n: number) => s.length >= n ? s : ' '.repeat(n - s.length) + s

export function ratioTo (run: SizeRun, f: Figures): number | undefined {
  const reference = f.name.startsWith('ref-') ? undefined : run.figures.find((r) => r.name === `ref-${f.name}`)
  return reference && reference.rps > 0 ? f.rps / reference.rps : undefined
}

export function formatRun (run: SizeRun): string {
  const header = ['scenario', 'c', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'p99 warm', 'non-2xx', 'errors', 'RSS MB', 'vs ref']
  const widths = [12, 3, 9, 8, 8, 8, 8, 7, 7, 7]
  const lines = [
    `${run.orders.toLocaleString('en')} orders on ${run.engine ?? 'sqlite'}, ${run.processes ?? 1} API process${(run.processes ?? 1) === 1 ? '' : 'es'}: generated in ${fixed(run.generateSeconds)} s, SQLite file ${fixed(run.fileMb, 0)} MB` +
      (run.databaseMb === undefined ? '' : `, PostgreSQL database ${fixed(run.databaseMb, 0)} MB (db:copy ${fixed(run.copySeconds ?? 0)} s)`) +
      `; server VmHWM app ${fixed(run.appPeakMb, 0)} MB, reference ${fixed(run.referencePeakMb, 0)} MB`,
    header.map((h, i) => i === 0 ? pad(h, widths[i]!) : lpad(h, widths[i]!)).join(' ')
  ]
  for (const f of run.figures) {
    const ratio = ratioTo(run, f)
    const cells = [f.name, String(f.connections), fixed(f.rps, 0), fixed(f.p50), fixed(f.p99), fixed(f.max, 0), f.warm === undefined ? '' : fixed(f.warm.p99), String(f.non2xx), String(f.errors), fixed(f.rssPeakMb, 0), ratio === undefined ? '' : `${fixed(ratio, 2)}x`]
    lines.push(cells.map((c, i) => i === 0 ? pad(c, widths[i]!) : lpad(c, widths[i]!)).join(' '))
  }
  for (const f of run.figures.filter((x) => x.non2xx > 0 || x.errors > 0 || x.requests === 0)) {
    lines.push(`!!! ${f.name}: ${f.non2xx} non-2xx responses, ${f.errors} errors (status codes ${JSON.stringify(f.statusCodes)})`)
    for (const failure of f.failures) lines.push(`!!!   ${failure}`)
  }
  return lines.join('\n')
}

const find = (run: SizeRun, name: string) => run.figures.find((f) => f.name === name)

/** Each target of the issue for one size, plus growth between the smallest and largest size when both ran. */
export function checkTargets (runs: SizeRun[]): TargetCheck[] {
  const checks: TargetCheck[] = []
  for (const run of runs) {
    const at = `${run.orders.toLocaleString('en')} orders`
    for (const [name, min] of [['list', 0.8], ['read', 0.8], ['create', 0.6]] as const) {
      const f = find(run, name)
      const ratio = f ? ratioTo(run, f) : undefined
      if (ratio !== undefined) checks.push({ target: `${name} >= ${min}x reference req/s (${at})`, value: `${ratio.toFixed(2)}x`, holds: ratio >= min })
    }
    for (const [name, limit] of [['recommend', 50], ['feed', 50], ['report', 1000], ['report-year', 1000]] as const) {
      const f = find(run, name)
      if (f) checks.push({ target: `${name} p99 < ${limit} ms (${at})`, value: `${fixed(f.p99)} ms`, holds: f.p99 < limit })
    }
    const rss = Math.max(0, ...run.figures.filter((f) => f.target === 'app').map((f) => f.rssPeakMb))
    checks.push({ target: `app RSS < 300 MB while serving (${at})`, value: `${rss.toFixed(0)} MB (VmHWM incl. logins ${run.appPeakMb.toFixed(0)} MB)`, holds: rss < 300 })
    const failing = run.figures.filter((f) => f.non2xx > 0 || f.errors > 0 || f.requests === 0).map((f) => f.name)
    checks.push({ target: `no non-2xx responses, no errors (${at})`, value: failing.length === 0 ? 'none' : failing.join(', '), holds: failing.length === 0 })
  }
  if (runs.length >= 2) {
    const small = runs[0]!
    const large = runs[runs.length - 1]!
    for (const name of ['list', 'search']) {
      const a = find(small, name)
      const b = find(large, name)
      if (a && b && a.p99 > 0) {
        const growth = b.p99 / a.p99
        checks.push({ target: `${name} p99 at ${large.orders.toLocaleString('en')} <= 1.5x p99 at ${small.orders.toLocaleString('en')}`, value: `${a.p99.toFixed(1)} -> ${b.p99.toFixed(1)} ms (${growth.toFixed(2)}x)`, holds: growth <= 1.5 })
      }
      // The same on warm connections (each connection's first response left out; see Figures.warm).
      if (a?.warm && b?.warm && a.warm.p99 > 0) {
        const growth = b.warm.p99 / a.warm.p99
        checks.push({ target: `${name} p99 warm at ${large.orders.toLocaleString('en')} <= 1.5x at ${small.orders.toLocaleString('en')}`, value: `${a.warm.p99.toFixed(1)} -> ${b.warm.p99.toFixed(1)} ms (${growth.toFixed(2)}x)`, holds: growth <= 1.5 })
      }
    }
  }
  return checks
}

export function formatChecks (checks: TargetCheck[]): string {
  return checks.map((c) => `${c.holds === null ? '  ?  ' : c.holds ? ' ok  ' : 'MISS '} ${pad(c.target, 62)} ${c.value}`).join('\n')
}
