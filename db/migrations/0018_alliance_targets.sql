CREATE TABLE `alliance_targets` (
	`alliance_id` text NOT NULL,
	`year` integer NOT NULL,
	`orders_awarded` integer,
	`seats_completed` integer,
	`hires` integer,
	`promise_kept_rate` real,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`alliance_id`, `year`),
	FOREIGN KEY (`alliance_id`) REFERENCES `alliances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
