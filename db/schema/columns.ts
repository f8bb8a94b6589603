// Column helpers shared by every table: opaque text ids and RFC 3339 instants stored as text.
import { text } from 'drizzle-orm/sqlite-core'

export const id = () => text('id').primaryKey()
export const instant = (name: string) => text(name)
export const createdAt = () => text('created_at').notNull()
