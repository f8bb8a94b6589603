// The database schema: every table, re-exported for drizzle and drizzle-kit.
export * from './identity.ts'
export * from './market.ts'
export * from './delivery.ts'
export * from './events.ts'
export * from './skills.ts'
export * from './matching.ts'
export * from './platform.ts'
export * from './tendering.ts'
