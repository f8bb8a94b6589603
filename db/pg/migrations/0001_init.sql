CREATE TABLE "alliances" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_zh" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "alliances_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "coordinator_alliances" (
	"user_id" text NOT NULL,
	"alliance_id" text NOT NULL,
	CONSTRAINT "coordinator_alliances_user_id_alliance_id_pk" PRIMARY KEY("user_id","alliance_id")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"alliance_id" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"requested_by" text,
	"decided_by" text,
	"decided_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"city" text,
	"description" text,
	"specialties" jsonb,
	"annual_capacity" integer,
	"industry" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"email_normalized" text NOT NULL,
	"password_hash" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"organization_id" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"password_changed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "bids" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"created_by" text NOT NULL,
	"status" text NOT NULL,
	"cohort_size" integer NOT NULL,
	"start_date" date NOT NULL,
	"duration_weeks" integer NOT NULL,
	"price_per_trainee" integer NOT NULL,
	"curriculum" jsonb NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"total_hours" integer NOT NULL,
	"total_price" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"withdrawn_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"bid_id" text NOT NULL,
	"college_id" text NOT NULL,
	"alliance_id" text NOT NULL,
	"seats" integer NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"reason" text,
	"proposed_by" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_skills" (
	"skill" text NOT NULL,
	"order_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"alliance_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"created_by" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"occupation" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"skills" jsonb NOT NULL,
	"headcount" integer NOT NULL,
	"location" text NOT NULL,
	"training_start" date NOT NULL,
	"training_end" date NOT NULL,
	"bid_deadline" timestamp (3) with time zone NOT NULL,
	"budget_per_trainee" integer,
	"hiring_positions" integer,
	"monthly_salary_min" integer,
	"monthly_salary_max" integer,
	"cancel_reason" text,
	"published_at" timestamp (3) with time zone,
	"bidding_closed_at" timestamp (3) with time zone,
	"awarded_at" timestamp (3) with time zone,
	"cancelled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"search_terms" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"match_id" text NOT NULL,
	"alliance_id" text NOT NULL,
	"college_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"seats" integer NOT NULL,
	"start_date" date NOT NULL,
	"duration_weeks" integer NOT NULL,
	"status" text NOT NULL,
	"cancel_reason" text,
	"started_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"cancelled_at" timestamp (3) with time zone,
	"order_published_at" timestamp (3) with time zone,
	"occupation" text,
	"enrolled_count" integer DEFAULT 0 NOT NULL,
	"completed_count" integer DEFAULT 0 NOT NULL,
	"dropped_count" integer DEFAULT 0 NOT NULL,
	"hired_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainees" (
	"id" text PRIMARY KEY NOT NULL,
	"cohort_id" text NOT NULL,
	"name" text NOT NULL,
	"student_no" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"dropped_at" timestamp (3) with time zone,
	"hired_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigint PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY (sequence name "events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" text NOT NULL,
	"type" text NOT NULL,
	"order_id" text,
	"alliance_id" text,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"actor_user_id" text,
	"actor_organization_id" text,
	"actor_role" text,
	"data" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "skill_aliases" (
	"alias" text PRIMARY KEY NOT NULL,
	"skill_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" text PRIMARY KEY NOT NULL,
	"tag" text NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"bit" integer,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "skills_tag_unique" UNIQUE("tag"),
	CONSTRAINT "skills_bit_unique" UNIQUE("bit")
);
--> statement-breakpoint
CREATE TABLE "college_commitments" (
	"cohort_id" text PRIMARY KEY NOT NULL,
	"college_id" text NOT NULL,
	"seats" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "college_records" (
	"college_id" text PRIMARY KEY NOT NULL,
	"cohorts_completed" integer NOT NULL,
	"trainees_enrolled" integer NOT NULL,
	"trainees_completed" integer NOT NULL,
	"trainees_hired" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "college_skills" (
	"college_id" text NOT NULL,
	"skill" text NOT NULL,
	CONSTRAINT "college_skills_college_id_skill_pk" PRIMARY KEY("college_id","skill")
);
--> statement-breakpoint
CREATE TABLE "order_match_facts" (
	"order_id" text PRIMARY KEY NOT NULL,
	"alliance_id" text NOT NULL,
	"status" text NOT NULL,
	"bid_deadline" timestamp (3) with time zone NOT NULL,
	"deadline_day" double precision NOT NULL,
	"headcount" integer NOT NULL,
	"training_start" date NOT NULL,
	"training_end" date NOT NULL,
	"key_count" integer NOT NULL,
	"keys" text NOT NULL,
	"skill_bits" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response_body" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"reset_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coordinator_alliances" ADD CONSTRAINT "coordinator_alliances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordinator_alliances" ADD CONSTRAINT "coordinator_alliances_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_college_id_organizations_id_fk" FOREIGN KEY ("college_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_skills" ADD CONSTRAINT "order_skills_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_college_id_organizations_id_fk" FOREIGN KEY ("college_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_enterprise_id_organizations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainees" ADD CONSTRAINT "trainees_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_aliases" ADD CONSTRAINT "skill_aliases_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "college_skills" ADD CONSTRAINT "college_skills_college_id_organizations_id_fk" FOREIGN KEY ("college_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coordinator_alliances_alliance_idx" ON "coordinator_alliances" USING btree ("alliance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_org_alliance_uq" ON "memberships" USING btree ("organization_id","alliance_id");--> statement-breakpoint
CREATE INDEX "memberships_alliance_status_idx" ON "memberships" USING btree ("alliance_id","status","id");--> statement-breakpoint
CREATE INDEX "memberships_alliance_status_org_idx" ON "memberships" USING btree ("alliance_id","status","organization_id");--> statement-breakpoint
CREATE INDEX "organizations_kind_name_idx" ON "organizations" USING btree ("kind","name");--> statement-breakpoint
CREATE INDEX "organizations_matching_idx" ON "organizations" USING btree ("id","kind","annual_capacity");--> statement-breakpoint
CREATE INDEX "refresh_tokens_session_idx" ON "refresh_tokens" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_normalized_uq" ON "users" USING btree ("email_normalized");--> statement-breakpoint
CREATE INDEX "users_organization_idx" ON "users" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bids_live_per_college_uq" ON "bids" USING btree ("order_id","organization_id") WHERE status <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "bids_order_id_idx" ON "bids" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "bids_org_id_idx" ON "bids" USING btree ("organization_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "matches_live_per_bid_uq" ON "matches" USING btree ("bid_id") WHERE status in ('proposed', 'approved');--> statement-breakpoint
CREATE INDEX "matches_order_idx" ON "matches" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "matches_alliance_status_idx" ON "matches" USING btree ("alliance_id","status","id");--> statement-breakpoint
CREATE INDEX "matches_college_idx" ON "matches" USING btree ("college_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_skills_skill_order_uq" ON "order_skills" USING btree ("skill","order_id");--> statement-breakpoint
CREATE INDEX "order_skills_order_idx" ON "order_skills" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "orders_alliance_status_id_idx" ON "orders" USING btree ("alliance_id","status","id");--> statement-breakpoint
CREATE INDEX "orders_alliance_id_idx" ON "orders" USING btree ("alliance_id","id");--> statement-breakpoint
CREATE INDEX "orders_org_id_idx" ON "orders" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "orders_status_deadline_idx" ON "orders" USING btree ("status","bid_deadline");--> statement-breakpoint
CREATE INDEX "orders_status_id_idx" ON "orders" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "orders_alliance_published_idx" ON "orders" USING btree ("alliance_id","published_at","status","organization_id","occupation","headcount","hiring_positions");--> statement-breakpoint
CREATE INDEX "orders_search_terms_idx" ON "orders" USING gin ("search_terms");--> statement-breakpoint
CREATE UNIQUE INDEX "cohorts_match_uq" ON "cohorts" USING btree ("match_id");--> statement-breakpoint
CREATE INDEX "cohorts_order_idx" ON "cohorts" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "cohorts_college_idx" ON "cohorts" USING btree ("college_id","id");--> statement-breakpoint
CREATE INDEX "cohorts_enterprise_idx" ON "cohorts" USING btree ("enterprise_id","id");--> statement-breakpoint
CREATE INDEX "cohorts_alliance_idx" ON "cohorts" USING btree ("alliance_id","id");--> statement-breakpoint
CREATE INDEX "cohorts_status_idx" ON "cohorts" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "cohorts_report_idx" ON "cohorts" USING btree ("alliance_id","order_published_at","college_id","enterprise_id","occupation","seats","enrolled_count","completed_count","dropped_count","hired_count");--> statement-breakpoint
CREATE UNIQUE INDEX "trainees_cohort_student_uq" ON "trainees" USING btree ("cohort_id","student_no");--> statement-breakpoint
CREATE INDEX "trainees_cohort_status_idx" ON "trainees" USING btree ("cohort_id","status");--> statement-breakpoint
CREATE INDEX "events_order_seq_idx" ON "events" USING btree ("order_id","seq");--> statement-breakpoint
CREATE INDEX "events_subject_idx" ON "events" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "skill_aliases_skill_idx" ON "skill_aliases" USING btree ("skill_id");--> statement-breakpoint
CREATE INDEX "college_commitments_college_idx" ON "college_commitments" USING btree ("college_id","start_date");--> statement-breakpoint
CREATE INDEX "college_commitments_window_idx" ON "college_commitments" USING btree ("start_date","end_date");--> statement-breakpoint
CREATE INDEX "college_skills_skill_idx" ON "college_skills" USING btree ("skill","college_id");--> statement-breakpoint
CREATE INDEX "order_match_facts_feed_idx" ON "order_match_facts" USING btree ("status","alliance_id","bid_deadline","skill_bits","deadline_day","headcount","training_start","training_end","key_count","keys","order_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "rate_limits_reset_idx" ON "rate_limits" USING btree ("reset_at");