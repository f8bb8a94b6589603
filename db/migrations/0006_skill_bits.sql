DROP INDEX `order_match_facts_feed_idx`;--> statement-breakpoint
ALTER TABLE `order_match_facts` ADD `skill_bits` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `order_match_facts_scan_idx` ON `order_match_facts` (`status`,`alliance_id`,`bid_deadline`,`deadline_day`,`headcount`,`training_start`,`training_end`,`key_count`,`skill_bits`,`keys`,`order_id`);--> statement-breakpoint
ALTER TABLE `skills` ADD `bit` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `skills_bit_unique` ON `skills` (`bit`);--> statement-breakpoint
-- Bits for the skills already in the vocabulary, in the order they were added; past 63 skills, none.
UPDATE `skills` SET `bit` = (SELECT r.n FROM (SELECT `id`, row_number() OVER (ORDER BY `created_at`, `id`) - 1 AS n FROM `skills`) r WHERE r.id = `skills`.`id`) WHERE `bit` IS NULL;
--> statement-breakpoint
UPDATE `skills` SET `bit` = NULL WHERE `bit` > 62;
--> statement-breakpoint
DROP TRIGGER `order_skills_match_facts_ai`;
--> statement-breakpoint
DROP TRIGGER `order_skills_match_facts_ad`;
--> statement-breakpoint
DROP TRIGGER `order_skills_match_facts_au`;
--> statement-breakpoint
CREATE TRIGGER `order_skills_match_facts_ai` AFTER INSERT ON `order_skills`
BEGIN
  UPDATE `order_match_facts` SET `key_count` = `key_count` + 1, `keys` = `keys` || new.skill || char(31),
    `skill_bits` = `skill_bits` | coalesce((SELECT 1 << `bit` FROM `skills` WHERE `tag` = new.skill), 0)
  WHERE `order_id` = new.order_id;
END;
--> statement-breakpoint
CREATE TRIGGER `order_skills_match_facts_ad` AFTER DELETE ON `order_skills`
BEGIN
  UPDATE `order_match_facts` SET `key_count` = `key_count` - 1, `keys` = replace(`keys`, char(31) || old.skill || char(31), char(31)),
    `skill_bits` = `skill_bits` & ~coalesce((SELECT 1 << `bit` FROM `skills` WHERE `tag` = old.skill), 0)
  WHERE `order_id` = old.order_id;
END;
--> statement-breakpoint
CREATE TRIGGER `order_skills_match_facts_au` AFTER UPDATE ON `order_skills`
BEGIN
  UPDATE `order_match_facts` SET `key_count` = `key_count` - 1, `keys` = replace(`keys`, char(31) || old.skill || char(31), char(31)),
    `skill_bits` = `skill_bits` & ~coalesce((SELECT 1 << `bit` FROM `skills` WHERE `tag` = old.skill), 0)
  WHERE `order_id` = old.order_id;
  UPDATE `order_match_facts` SET `key_count` = `key_count` + 1, `keys` = `keys` || new.skill || char(31),
    `skill_bits` = `skill_bits` | coalesce((SELECT 1 << `bit` FROM `skills` WHERE `tag` = new.skill), 0)
  WHERE `order_id` = new.order_id;
END;
--> statement-breakpoint
UPDATE `order_match_facts` SET `skill_bits` = coalesce((SELECT sum(1 << k.bit) FROM `order_skills` s JOIN `skills` k ON k.tag = s.skill
  WHERE s.order_id = `order_match_facts`.`order_id` AND k.bit IS NOT NULL), 0);
