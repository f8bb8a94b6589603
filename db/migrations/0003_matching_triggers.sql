-- Keeps the matching facts (college_commitments, college_records) in step with cohorts, whichever code writes them.
-- SQLite dialect; a PostgreSQL port expresses the same triggers as plpgsql functions.
CREATE TRIGGER `cohorts_commitments_ai` AFTER INSERT ON `cohorts`
WHEN new.status IN ('planned', 'in_training')
BEGIN
  INSERT OR REPLACE INTO `college_commitments` (`cohort_id`, `college_id`, `seats`, `start_date`, `end_date`)
  VALUES (new.id, new.college_id, new.seats, new.start_date, date(new.start_date, '+' || (new.duration_weeks * 7) || ' days'));
END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_commitments_au` AFTER UPDATE OF `status`, `seats`, `start_date`, `duration_weeks`, `college_id` ON `cohorts`
BEGIN
  DELETE FROM `college_commitments` WHERE `cohort_id` = old.id;
  INSERT INTO `college_commitments` (`cohort_id`, `college_id`, `seats`, `start_date`, `end_date`)
  SELECT new.id, new.college_id, new.seats, new.start_date, date(new.start_date, '+' || (new.duration_weeks * 7) || ' days')
  WHERE new.status IN ('planned', 'in_training');
END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_commitments_ad` AFTER DELETE ON `cohorts`
BEGIN
  DELETE FROM `college_commitments` WHERE `cohort_id` = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_records_ai` AFTER INSERT ON `cohorts`
WHEN new.status = 'completed'
BEGIN
  INSERT OR REPLACE INTO `college_records` (`college_id`, `cohorts_completed`, `trainees_enrolled`, `trainees_completed`, `trainees_hired`)
  SELECT new.college_id, count(*), coalesce(sum(`enrolled_count`), 0), coalesce(sum(`completed_count`), 0), coalesce(sum(`hired_count`), 0)
  FROM `cohorts` WHERE `college_id` = new.college_id AND `status` = 'completed';
END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_records_au` AFTER UPDATE OF `status`, `enrolled_count`, `completed_count`, `dropped_count`, `hired_count`, `college_id` ON `cohorts`
WHEN old.status = 'completed' OR new.status = 'completed'
BEGIN
  INSERT OR REPLACE INTO `college_records` (`college_id`, `cohorts_completed`, `trainees_enrolled`, `trainees_completed`, `trainees_hired`)
  SELECT new.college_id, count(*), coalesce(sum(`enrolled_count`), 0), coalesce(sum(`completed_count`), 0), coalesce(sum(`hired_count`), 0)
  FROM `cohorts` WHERE `college_id` = new.college_id AND `status` = 'completed';
END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_records_ad` AFTER DELETE ON `cohorts`
WHEN old.status = 'completed'
BEGIN
  INSERT OR REPLACE INTO `college_records` (`college_id`, `cohorts_completed`, `trainees_enrolled`, `trainees_completed`, `trainees_hired`)
  SELECT old.college_id, count(*), coalesce(sum(`enrolled_count`), 0), coalesce(sum(`completed_count`), 0), coalesce(sum(`hired_count`), 0)
  FROM `cohorts` WHERE `college_id` = old.college_id AND `status` = 'completed';
END;
--> statement-breakpoint
INSERT OR REPLACE INTO `college_commitments` (`cohort_id`, `college_id`, `seats`, `start_date`, `end_date`)
SELECT `id`, `college_id`, `seats`, `start_date`, date(`start_date`, '+' || (`duration_weeks` * 7) || ' days')
FROM `cohorts` WHERE `status` IN ('planned', 'in_training');
--> statement-breakpoint
INSERT OR REPLACE INTO `college_records` (`college_id`, `cohorts_completed`, `trainees_enrolled`, `trainees_completed`, `trainees_hired`)
SELECT `college_id`, count(*), sum(`enrolled_count`), sum(`completed_count`), sum(`hired_count`)
FROM `cohorts` WHERE `status` = 'completed' GROUP BY `college_id`;
