CREATE TABLE `order_match_facts` (
	`order_id` text PRIMARY KEY NOT NULL,
	`alliance_id` text NOT NULL,
	`status` text NOT NULL,
	`bid_deadline` text NOT NULL,
	`deadline_day` real NOT NULL,
	`headcount` integer NOT NULL,
	`training_start` text NOT NULL,
	`training_end` text NOT NULL,
	`key_count` integer NOT NULL,
	`keys` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `order_match_facts_feed_idx` ON `order_match_facts` (`status`,`alliance_id`,`bid_deadline`,`deadline_day`,`headcount`,`training_start`,`training_end`,`key_count`,`keys`,`order_id`);--> statement-breakpoint
-- Triggers keep order_match_facts in step with orders and order_skills, whichever code writes them (SQLite dialect).
CREATE TRIGGER `orders_match_facts_ai` AFTER INSERT ON `orders`
BEGIN
  INSERT OR REPLACE INTO `order_match_facts` (`order_id`, `alliance_id`, `status`, `bid_deadline`, `deadline_day`, `headcount`, `training_start`, `training_end`, `key_count`, `keys`)
  VALUES (new.id, new.alliance_id, new.status, new.bid_deadline, julianday(new.bid_deadline), new.headcount, new.training_start, new.training_end,
    (SELECT count(*) FROM `order_skills` WHERE `order_id` = new.id),
    char(31) || coalesce((SELECT group_concat(`skill`, char(31)) FROM `order_skills` WHERE `order_id` = new.id) || char(31), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `orders_match_facts_au` AFTER UPDATE OF `alliance_id`, `status`, `bid_deadline`, `headcount`, `training_start`, `training_end` ON `orders`
BEGIN
  UPDATE `order_match_facts` SET `alliance_id` = new.alliance_id, `status` = new.status, `bid_deadline` = new.bid_deadline,
    `deadline_day` = julianday(new.bid_deadline), `headcount` = new.headcount, `training_start` = new.training_start, `training_end` = new.training_end
  WHERE `order_id` = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `orders_match_facts_ad` AFTER DELETE ON `orders`
BEGIN
  DELETE FROM `order_match_facts` WHERE `order_id` = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `order_skills_match_facts_ai` AFTER INSERT ON `order_skills`
BEGIN
  UPDATE `order_match_facts` SET `key_count` = `key_count` + 1, `keys` = `keys` || new.skill || char(31) WHERE `order_id` = new.order_id;
END;
--> statement-breakpoint
CREATE TRIGGER `order_skills_match_facts_ad` AFTER DELETE ON `order_skills`
BEGIN
  UPDATE `order_match_facts` SET `key_count` = `key_count` - 1, `keys` = replace(`keys`, char(31) || old.skill || char(31), char(31)) WHERE `order_id` = old.order_id;
END;
--> statement-breakpoint
CREATE TRIGGER `order_skills_match_facts_au` AFTER UPDATE ON `order_skills`
BEGIN
  UPDATE `order_match_facts` SET `keys` = replace(`keys`, char(31) || old.skill || char(31), char(31)) WHERE `order_id` = old.order_id;
  UPDATE `order_match_facts` SET `key_count` = `key_count` - 1 WHERE `order_id` = old.order_id;
  UPDATE `order_match_facts` SET `key_count` = `key_count` + 1, `keys` = `keys` || new.skill || char(31) WHERE `order_id` = new.order_id;
END;
--> statement-breakpoint
INSERT OR REPLACE INTO `order_match_facts` (`order_id`, `alliance_id`, `status`, `bid_deadline`, `deadline_day`, `headcount`, `training_start`, `training_end`, `key_count`, `keys`)
SELECT o.id, o.alliance_id, o.status, o.bid_deadline, julianday(o.bid_deadline), o.headcount, o.training_start, o.training_end,
  (SELECT count(*) FROM `order_skills` s WHERE s.order_id = o.id),
  char(31) || coalesce((SELECT group_concat(s.skill, char(31)) FROM `order_skills` s WHERE s.order_id = o.id) || char(31), '')
FROM `orders` o;
