ALTER TABLE `cohorts` ADD `enrolled_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cohorts` ADD `completed_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cohorts` ADD `dropped_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cohorts` ADD `hired_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `cohorts_status_idx` ON `cohorts` (`status`,`id`);--> statement-breakpoint
ALTER TABLE `trainees` ADD `completed_at` text;--> statement-breakpoint
ALTER TABLE `trainees` ADD `dropped_at` text;--> statement-breakpoint
CREATE INDEX `orders_alliance_published_idx` ON `orders` (`alliance_id`,`published_at`);