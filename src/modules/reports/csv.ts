// CSV output for reports: RFC 4180 (CRLF, quoted when needed), UTF-8 with BOM, formula-safe cells.
import type { ReportFigures } from '../../../schemas/reports.ts'

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8'
const BOM = '\uFEFF'

/** Leading characters a spreadsheet may run as a formula (ASVS 5.0 1.2.10: = + - @, tab, NUL; and carriage return). */
const FORMULA_START = /^[=+\-@\t\r\0]/

/** One cell: text that a spreadsheet would run as a formula gets a leading apostrophe; quoted when it holds , " or a line break. */
export function csvCell (value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv (header: string[], rows: Array<Array<string | number | null>>): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export const collegesCsv = (figures: ReportFigures) => toCsv(
  ['id', 'name', 'seats', 'enrolled', 'completed', 'hired'],
  figures.colleges.map((c) => [c.id, c.name, c.seats, c.enrolled, c.completed, c.hired])
)

export const enterprisesCsv = (figures: ReportFigures) => toCsv(
  ['id', 'name', 'promised', 'hired', 'promiseKeptRate'],
  figures.enterprises.map((e) => [e.id, e.name, e.promised, e.hired, e.promiseKeptRate])
)

/** True when the Accept header prefers text/csv over JSON (q-values honoured; JSON wins ties and absence). */
export function wantsCsv (accept: string | undefined): boolean {
  if (!accept) return false
  let csv = 0
  let json = 0
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim())
    const qParam = params.find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (Number.isNaN(q)) continue
    if (type === 'text/csv') csv = Math.max(csv, q)
    else if (type === 'application/json' || type === 'application/*' || type === '*/*') json = Math.max(json, type === '*/*' ? q * 0.99 : q)
  }
  return csv > 0 && csv > json
}
