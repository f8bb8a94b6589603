// drizzle-kit configuration for PostgreSQL: generates SQL migrations from db/pg/schema into db/pg/migrations.
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema/index.ts',
  out: './db/pg/migrations'
})
