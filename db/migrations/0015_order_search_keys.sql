-- The FTS5 search index keyed by the order's search key (db/sqlite/search-key.ts: an integer that sorts like
-- the UUIDv7 id) instead of the order's rowid, with the order id stored beside the terms (UNINDEXED, kept by
-- contentless_unindexed=1). FTS5 yields matches in rowid order, so a search now walks the index newest first and
-- stops at its page instead of sorting every match; and a VACUUM, which may renumber rowids, cannot break it.
-- A contentless table cannot be read back: the new index is empty and its version row removed, so the start-up
-- step (src/modules/orders/search-index.ts) rebuilds every order's terms in one write transaction.
DROP TABLE `order_search`;--> statement-breakpoint
CREATE VIRTUAL TABLE `order_search` USING fts5(terms, order_id UNINDEXED, content='', contentless_delete=1, contentless_unindexed=1, tokenize='ascii', detail=none);--> statement-breakpoint
DELETE FROM `search_index_versions` WHERE `name` = 'order_search';
