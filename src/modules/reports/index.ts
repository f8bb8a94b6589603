// The reports module's public surface: what other modules may use to count the same figures as the reports.
export { buildFigures, rate } from './figures.ts'
export { resolveRange } from './range.ts'
export { reportGroups, type OrderScope } from './repository.ts'
