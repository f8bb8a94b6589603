-- The derived figures are maintained in code, in the transaction that writes their inputs (db/figures/), on both engines:
-- the 12 triggers that kept them go (left in place they would count twice), and each figure is recomputed from its base
-- tables as the code builds it (keys in code-point order, deadline_day = julianday, end date = start + 7 days a week).
DROP TRIGGER IF EXISTS `cohorts_commitments_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cohorts_commitments_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cohorts_commitments_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cohorts_records_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cohorts_records_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cohorts_records_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `orders_match_facts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `orders_match_facts_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `orders_match_facts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `order_skills_match_facts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `order_skills_match_facts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `order_skills_match_facts_au`;
--> statement-breakpoint
DELETE FROM `order_match_facts`;
--> statement-breakpoint
INSERT INTO `order_match_facts` (`order_id`, `alliance_id`, `status`, `bid_deadline`, `deadline_day`, `headcount`, `training_start`, `training_end`, `key_count`, `keys`, `skill_bits`)
SELECT o.id, o.alliance_id, o.status, o.bid_deadline, julianday(o.bid_deadline), o.headcount, o.training_start, o.training_end,
  (SELECT count(*) FROM `order_skills` s WHERE s.order_id = o.id),
  char(31) || coalesce((SELECT group_concat(s.skill, char(31) ORDER BY s.skill) FROM `order_skills` s WHERE s.order_id = o.id) || char(31), ''),
  coalesce((SELECT sum(1 << k.bit) FROM `order_skills` s JOIN `skills` k ON k.tag = s.skill WHERE s.order_id = o.id AND k.bit IS NOT NULL), 0)
FROM `orders` o;
--> statement-breakpoint
DELETE FROM `college_commitments`;
--> statement-breakpoint
INSERT INTO `college_commitments` (`cohort_id`, `college_id`, `seats`, `start_date`, `end_date`)
SELECT `id`, `college_id`, `seats`, `start_date`, date(`start_date`, '+' || (`duration_weeks` * 7) || ' days')
FROM `cohorts` WHERE `status` IN ('planned', 'in_training');
--> statement-breakpoint
DELETE FROM `college_records`;
--> statement-breakpoint
INSERT INTO `college_records` (`college_id`, `cohorts_completed`, `trainees_enrolled`, `trainees_completed`, `trainees_hired`)
SELECT `college_id`, count(*), sum(`enrolled_count`), sum(`completed_count`), sum(`hired_count`)
FROM `cohorts` WHERE `status` = 'completed' GROUP BY `college_id`;
