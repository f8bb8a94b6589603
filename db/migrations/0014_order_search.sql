-- Search on SQLite's own full-text index (docs/postgres.md, "Search"): a contentless FTS5 table holding each
-- order's terms (indexTerms of search-terms.ts) joined by spaces, rowid = the order's rowid. The `ascii`
-- tokenizer keeps every term whole and byte for byte (all non-ASCII characters are token characters; the
-- ASCII part of a term is already lower-case a-z and 0-9); `unicode61` would fold or split some of them.
-- detail=none: only which orders hold a term (no positions): every query is an AND of whole terms.
CREATE VIRTUAL TABLE `order_search` USING fts5(terms, content='', contentless_delete=1, tokenize='ascii', detail=none);--> statement-breakpoint
-- The postings order_terms holds are exactly those terms: carried over, so the index keeps its recorded version.
INSERT INTO `order_search` (rowid, terms)
  SELECT o.rowid, group_concat(t.term, ' ') FROM `orders` o JOIN `order_terms` t ON t.order_id = o.id GROUP BY o.rowid;--> statement-breakpoint
UPDATE `search_index_versions` SET `name` = 'order_search' WHERE `name` = 'order_terms';--> statement-breakpoint
DROP TABLE `order_terms`;
