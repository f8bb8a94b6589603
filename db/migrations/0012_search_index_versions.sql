CREATE TABLE `search_index_versions` (
	`name` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
