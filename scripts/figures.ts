// `npm run db:figures [-- --repair]`: checks the derived figures against their base tables on the configured database; --repair rewrites the rows that differ.
import { parseArgs } from 'node:util'
import { loadConfig, ConfigError } from '../src/config.ts'
import { openDataLayer } from '../db/open.ts'
import { checkFigures, repairFigures, type FiguresReport } from '../db/figures/consistency.ts'

const { values } = parseArgs({ options: { repair: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } } })

function describe (report: FiguresReport, verbose: boolean): string {
  const lines = Object.entries(report.checked).map(([figure, checked]) => {
    const wrong = report.mismatches.filter((m) => m.figure === figure)
    const kinds = ['missing', 'extra', 'different'].map((k) => `${wrong.filter((m) => m.kind === k).length} ${k}`).join(', ')
    return `${figure}: ${checked} checked, ${wrong.length === 0 ? 'consistent' : kinds}`
  })
  if (verbose) for (const m of report.mismatches) lines.push(JSON.stringify(m, (_key, value: unknown) => typeof value === 'bigint' ? value.toString() : value))
  return lines.join('\n') + '\n'
}

try {
  const config = loadConfig()
  const data = await openDataLayer(config)
  try {
    // The repair sets records to recomputed values: run it while no cohort is being completed.
    const report = values.repair ? await data.write((tx) => repairFigures(tx)) : await data.snapshot((ex) => checkFigures(ex))
    process.stdout.write(describe(report, values.verbose))
    if (report.mismatches.length > 0) process.stdout.write(values.repair ? `repaired ${report.mismatches.length} row(s)\n` : 'run again with --repair to rewrite them\n')
    if (!values.repair && report.mismatches.length > 0) process.exitCode = 1
  } finally {
    await data.close()
  }
} catch (error) {
  process.stderr.write(`talent-orders: ${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`)
  process.exit(1)
}
