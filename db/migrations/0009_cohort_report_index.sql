DROP INDEX `orders_alliance_published_idx`;--> statement-breakpoint
CREATE INDEX `orders_alliance_published_idx` ON `orders` (`alliance_id`,`published_at`,`status`,`organization_id`,`occupation`,`headcount`,`hiring_positions`);--> statement-breakpoint
ALTER TABLE `cohorts` ADD `order_published_at` text;--> statement-breakpoint
ALTER TABLE `cohorts` ADD `occupation` text;--> statement-breakpoint
CREATE INDEX `cohorts_report_idx` ON `cohorts` (`alliance_id`,`order_published_at`,`college_id`,`enterprise_id`,`occupation`,`seats`,`enrolled_count`,`completed_count`,`dropped_count`,`hired_count`);--> statement-breakpoint
-- Backfill: cohorts created before this migration copy their order's publication time and occupation.
UPDATE `cohorts` SET `order_published_at` = (SELECT `published_at` FROM `orders` WHERE `orders`.`id` = `cohorts`.`order_id`), `occupation` = (SELECT `occupation` FROM `orders` WHERE `orders`.`id` = `cohorts`.`order_id`);
