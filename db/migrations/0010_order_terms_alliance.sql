ALTER TABLE `order_terms` ADD `alliance_id` text REFERENCES alliances(id);--> statement-breakpoint
CREATE INDEX `order_terms_term_alliance_order_idx` ON `order_terms` (`term`,`alliance_id`,`order_id`);--> statement-breakpoint
UPDATE `order_terms` SET `alliance_id` = (SELECT o.`alliance_id` FROM `orders` o WHERE o.`id` = `order_terms`.`order_id`) WHERE `alliance_id` IS NULL;
