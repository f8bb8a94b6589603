CREATE TABLE `alliances` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_zh` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alliances_code_unique` ON `alliances` (`code`);--> statement-breakpoint
CREATE TABLE `coordinator_alliances` (
	`user_id` text NOT NULL,
	`alliance_id` text NOT NULL,
	PRIMARY KEY(`user_id`, `alliance_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`alliance_id`) REFERENCES `alliances`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coordinator_alliances_alliance_idx` ON `coordinator_alliances` (`alliance_id`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`alliance_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`requested_by` text,
	`decided_by` text,
	`decided_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`alliance_id`) REFERENCES `alliances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_org_alliance_uq` ON `memberships` (`organization_id`,`alliance_id`);--> statement-breakpoint
CREATE INDEX `memberships_alliance_status_idx` ON `memberships` (`alliance_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`city` text,
	`description` text,
	`specialties` text,
	`annual_capacity` integer,
	`industry` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `organizations_kind_name_idx` ON `organizations` (`kind`,`name`);--> statement-breakpoint
CREATE TABLE `refresh_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refresh_tokens_session_idx` ON `refresh_tokens` (`session_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`revoked_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`password_hash` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`organization_id` text,
	`created_at` text NOT NULL,
	`password_changed_at` text,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_normalized_uq` ON `users` (`email_normalized`);--> statement-breakpoint
CREATE INDEX `users_organization_idx` ON `users` (`organization_id`);--> statement-breakpoint
CREATE TABLE `bids` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`created_by` text NOT NULL,
	`status` text NOT NULL,
	`cohort_size` integer NOT NULL,
	`start_date` text NOT NULL,
	`duration_weeks` integer NOT NULL,
	`price_per_trainee` integer NOT NULL,
	`curriculum` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`total_hours` integer NOT NULL,
	`total_price` integer NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`withdrawn_at` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bids_live_per_college_uq` ON `bids` (`order_id`,`organization_id`) WHERE status <> 'withdrawn';--> statement-breakpoint
CREATE INDEX `bids_order_id_idx` ON `bids` (`order_id`,`id`);--> statement-breakpoint
CREATE INDEX `bids_org_id_idx` ON `bids` (`organization_id`,`id`);--> statement-breakpoint
CREATE TABLE `matches` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`bid_id` text NOT NULL,
	`college_id` text NOT NULL,
	`alliance_id` text NOT NULL,
	`seats` integer NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`reason` text,
	`proposed_by` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`college_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`alliance_id`) REFERENCES `alliances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `matches_live_per_bid_uq` ON `matches` (`bid_id`) WHERE status in ('proposed', 'approved');--> statement-breakpoint
CREATE INDEX `matches_order_idx` ON `matches` (`order_id`,`id`);--> statement-breakpoint
CREATE INDEX `matches_alliance_status_idx` ON `matches` (`alliance_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `matches_college_idx` ON `matches` (`college_id`,`id`);--> statement-breakpoint
CREATE TABLE `order_skills` (
	`skill` text NOT NULL,
	`order_id` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_skills_skill_order_uq` ON `order_skills` (`skill`,`order_id`);--> statement-breakpoint
CREATE INDEX `order_skills_order_idx` ON `order_skills` (`order_id`);--> statement-breakpoint
CREATE TABLE `order_terms` (
	`term` text NOT NULL,
	`order_id` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_terms_term_order_uq` ON `order_terms` (`term`,`order_id`);--> statement-breakpoint
CREATE INDEX `order_terms_order_idx` ON `order_terms` (`order_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`alliance_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`created_by` text NOT NULL,
	`status` text NOT NULL,
	`title` text NOT NULL,
	`occupation` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`skills` text NOT NULL,
	`headcount` integer NOT NULL,
	`location` text NOT NULL,
	`training_start` text NOT NULL,
	`training_end` text NOT NULL,
	`bid_deadline` text NOT NULL,
	`budget_per_trainee` integer,
	`hiring_positions` integer,
	`monthly_salary_min` integer,
	`monthly_salary_max` integer,
	`cancel_reason` text,
	`published_at` text,
	`bidding_closed_at` text,
	`awarded_at` text,
	`cancelled_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`alliance_id`) REFERENCES `alliances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orders_alliance_status_id_idx` ON `orders` (`alliance_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `orders_org_id_idx` ON `orders` (`organization_id`,`id`);--> statement-breakpoint
CREATE INDEX `orders_status_deadline_idx` ON `orders` (`status`,`bid_deadline`);--> statement-breakpoint
CREATE INDEX `orders_status_id_idx` ON `orders` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `cohorts` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`match_id` text NOT NULL,
	`alliance_id` text NOT NULL,
	`college_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`seats` integer NOT NULL,
	`start_date` text NOT NULL,
	`duration_weeks` integer NOT NULL,
	`status` text NOT NULL,
	`cancel_reason` text,
	`started_at` text,
	`completed_at` text,
	`cancelled_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`alliance_id`) REFERENCES `alliances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`college_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cohorts_match_uq` ON `cohorts` (`match_id`);--> statement-breakpoint
CREATE INDEX `cohorts_order_idx` ON `cohorts` (`order_id`);--> statement-breakpoint
CREATE INDEX `cohorts_college_idx` ON `cohorts` (`college_id`,`id`);--> statement-breakpoint
CREATE INDEX `cohorts_enterprise_idx` ON `cohorts` (`enterprise_id`,`id`);--> statement-breakpoint
CREATE INDEX `cohorts_alliance_idx` ON `cohorts` (`alliance_id`,`id`);--> statement-breakpoint
CREATE TABLE `trainees` (
	`id` text PRIMARY KEY NOT NULL,
	`cohort_id` text NOT NULL,
	`name` text NOT NULL,
	`student_no` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`hired_at` text,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trainees_cohort_student_uq` ON `trainees` (`cohort_id`,`student_no`);--> statement-breakpoint
CREATE INDEX `trainees_cohort_status_idx` ON `trainees` (`cohort_id`,`status`);--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`order_id` text,
	`alliance_id` text,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`actor_user_id` text,
	`actor_organization_id` text,
	`actor_role` text,
	`data` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_id_unique` ON `events` (`id`);--> statement-breakpoint
CREATE INDEX `events_order_seq_idx` ON `events` (`order_id`,`seq`);--> statement-breakpoint
CREATE INDEX `events_subject_idx` ON `events` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `skill_aliases` (
	`alias` text PRIMARY KEY NOT NULL,
	`skill_id` text NOT NULL,
	FOREIGN KEY (`skill_id`) REFERENCES `skills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `skill_aliases_skill_idx` ON `skill_aliases` (`skill_id`);--> statement-breakpoint
CREATE TABLE `skills` (
	`id` text PRIMARY KEY NOT NULL,
	`tag` text NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `skills_tag_unique` ON `skills` (`tag`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status_code` integer NOT NULL,
	`response_body` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limits_reset_idx` ON `rate_limits` (`reset_at`);