-- Recreates the college_records triggers of 0003_matching_triggers with `+status` (not an index term), so their
-- re-aggregation reads one college's cohorts through cohorts_college_idx instead of every completed cohort via cohorts_status_idx.
DROP TRIGGER IF EXISTS `cohorts_records_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cohorts_records_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cohorts_records_ad`;
--> statement-breakpoint
CREATE TRIGGER `cohorts_records_ai` AFTER INSERT ON `cohorts`
WHEN new.status = 'completed'
BEGIN
  INSERT OR REPLACE INTO `college_records` (`college_id`, `cohorts_completed`, `trainees_enrolled`, `trainees_completed`, `trainees_hired`)
  SELECT new.college_id, count(*), coalesce(sum(`enrolled_count`), 0), coalesce(sum(`completed_count`), 0), coalesce(sum(`hired_count`), 0)
  FROM `cohorts` WHERE `college_id` = new.college_id AND +`status` = 'completed';
END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_records_au` AFTER UPDATE OF `status`, `enrolled_count`, `completed_count`, `dropped_count`, `hired_count`, `college_id` ON `cohorts`
WHEN old.status = 'completed' OR new.status = 'completed'
BEGIN
  INSERT OR REPLACE INTO `college_records` (`college_id`, `cohorts_completed`, `trainees_enrolled`, `trainees_completed`, `trainees_hired`)
  SELECT new.college_id, count(*), coalesce(sum(`enrolled_count`), 0), coalesce(sum(`completed_count`), 0), coalesce(sum(`hired_count`), 0)
  FROM `cohorts` WHERE `college_id` = new.college_id AND +`status` = 'completed';
END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_records_ad` AFTER DELETE ON `cohorts`
WHEN old.status = 'completed'
BEGIN
  INSERT OR REPLACE INTO `college_records` (`college_id`, `cohorts_completed`, `trainees_enrolled`, `trainees_completed`, `trainees_hired`)
  SELECT old.college_id, count(*), coalesce(sum(`enrolled_count`), 0), coalesce(sum(`completed_count`), 0), coalesce(sum(`hired_count`), 0)
  FROM `cohorts` WHERE `college_id` = old.college_id AND +`status` = 'completed';
END;
