CREATE TABLE `complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`match_id` text NOT NULL,
	`order_id` text NOT NULL,
	`alliance_id` text NOT NULL,
	`complainant_id` text NOT NULL,
	`filed_by` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`filed_at` text NOT NULL,
	`decision` text,
	`decided_by` text,
	`decided_at` text,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`alliance_id`) REFERENCES `alliances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`complainant_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `complaints_match_idx` ON `complaints` (`match_id`,`status`);--> statement-breakpoint
CREATE INDEX `complaints_order_idx` ON `complaints` (`order_id`,`id`);--> statement-breakpoint
CREATE INDEX `complaints_alliance_idx` ON `complaints` (`alliance_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `complaints_complainant_idx` ON `complaints` (`complainant_id`,`id`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`asked_by` text NOT NULL,
	`text` text NOT NULL,
	`asked_at` text NOT NULL,
	`answer` text,
	`answered_by` text,
	`answered_at` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questions_order_idx` ON `questions` (`order_id`,`id`);--> statement-breakpoint
ALTER TABLE `matches` ADD `standstill_until` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `min_bids` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `question_deadline` text;