CREATE TABLE `college_commitments` (
	`cohort_id` text PRIMARY KEY NOT NULL,
	`college_id` text NOT NULL,
	`seats` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `college_commitments_college_idx` ON `college_commitments` (`college_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `college_commitments_window_idx` ON `college_commitments` (`start_date`,`end_date`);--> statement-breakpoint
CREATE TABLE `college_records` (
	`college_id` text PRIMARY KEY NOT NULL,
	`cohorts_completed` integer NOT NULL,
	`trainees_enrolled` integer NOT NULL,
	`trainees_completed` integer NOT NULL,
	`trainees_hired` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `college_skills` (
	`college_id` text NOT NULL,
	`skill` text NOT NULL,
	PRIMARY KEY(`college_id`, `skill`),
	FOREIGN KEY (`college_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `college_skills_skill_idx` ON `college_skills` (`skill`,`college_id`);