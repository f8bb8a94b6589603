-- Trusted contrib extensions (PostgreSQL 13+): a database owner without superuser rights may create them.
-- pg_trgm: trigram GIN indexes for substring search; btree_gin: scalar columns beside arrays in one GIN index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;
