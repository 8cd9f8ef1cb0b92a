CREATE TABLE "assessment_sign_offs" (
	"year" integer PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"snapshot_hash" text,
	"snapshot" jsonb,
	"submitted_by" uuid,
	"submitted_by_name" text,
	"submitted_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"return_reason" text,
	CONSTRAINT "assessment_sign_offs_status_check" CHECK ("assessment_sign_offs"."status" in ('submitted', 'approved', 'returned'))
);
--> statement-breakpoint
ALTER TABLE "assessment_sign_offs" ADD CONSTRAINT "assessment_sign_offs_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_sign_offs" ADD CONSTRAINT "assessment_sign_offs_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;