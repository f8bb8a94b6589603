CREATE TABLE "alliance_targets" (
	"alliance_id" text NOT NULL,
	"year" integer NOT NULL,
	"orders_awarded" integer,
	"seats_completed" integer,
	"hires" integer,
	"promise_kept_rate" double precision,
	"updated_by" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "alliance_targets_alliance_id_year_pk" PRIMARY KEY("alliance_id","year")
);
--> statement-breakpoint
ALTER TABLE "alliance_targets" ADD CONSTRAINT "alliance_targets_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_targets" ADD CONSTRAINT "alliance_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;