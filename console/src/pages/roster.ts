// Parses a roster pasted from a spreadsheet: one trainee a line, name then student number, tab or comma between.
export type RosterLine = { name: string, studentNo: string }
export type Parsed = { trainees: RosterLine[], badLine: number | null }

const HEADER = /^(姓名|name)$/i

export function parseRoster (text: string): Parsed {
  const trainees: RosterLine[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (!line) continue
    const cells = line.split(/\t|,|，|;|；/).map((c) => c.trim()).filter(Boolean)
    if (cells.length >= 1 && HEADER.test(cells[0] ?? '')) continue
    const [name, studentNo] = cells
    if (!name || !studentNo) return { trainees, badLine: i + 1 }
    trainees.push({ name, studentNo })
  }
  return { trainees, badLine: null }
}
