-- Which version of the term rules built orders.search_terms (SEARCH_INDEX_VERSION): none recorded means 0, so an
-- existing database has its terms rebuilt once at start-up (src/modules/orders/search-index.ts).
CREATE TABLE "search_index_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL
);
