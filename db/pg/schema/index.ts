// The PostgreSQL schema: every table, mirroring db/schema (test/db/pg-schema-parity.test.ts keeps them in step).
export * from './identity.ts'
export * from './market.ts'
export * from './delivery.ts'
export * from './events.ts'
export * from './skills.ts'
export * from './matching.ts'
export * from './platform.ts'
export * from './tendering.ts'
