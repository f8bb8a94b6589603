CREATE TABLE "enterprise_record_orders" (
	"order_id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_records" (
	"enterprise_id" text PRIMARY KEY NOT NULL,
	"orders_awarded" integer NOT NULL,
	"promised" integer NOT NULL,
	"hired" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "order_match_facts_feed_idx";--> statement-breakpoint
ALTER TABLE "order_match_facts" ADD COLUMN "enterprise_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "order_match_facts_feed_idx" ON "order_match_facts" USING btree ("status","alliance_id","bid_deadline","skill_bits","deadline_day","headcount","training_start","training_end","key_count","keys","enterprise_id","order_id");
--> statement-breakpoint
UPDATE "order_match_facts" SET "enterprise_id" = (SELECT o.organization_id FROM orders o WHERE o.id = "order_match_facts".order_id);--> statement-breakpoint
INSERT INTO enterprise_record_orders (order_id, enterprise_id)
  SELECT o.id, o.organization_id FROM orders o WHERE o.status = 'awarded'
    AND EXISTS (SELECT 1 FROM cohorts c WHERE c.order_id = o.id)
    AND NOT EXISTS (SELECT 1 FROM cohorts c WHERE c.order_id = o.id AND c.status IN ('planned', 'in_training'));--> statement-breakpoint
INSERT INTO enterprise_records (enterprise_id, orders_awarded, promised, hired)
  SELECT o.organization_id, count(*), sum(coalesce(o.hiring_positions, 0)),
    sum(coalesce((SELECT sum(c.hired_count) FROM cohorts c WHERE c.order_id = o.id), 0))
  FROM enterprise_record_orders r JOIN orders o ON o.id = r.order_id GROUP BY o.organization_id;
