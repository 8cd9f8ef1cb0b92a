CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"username" text,
	"ip" text,
	"failures" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "enterprise_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"from_region_id" text NOT NULL,
	"to_region_id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"requested_by_name" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "enterprise_transfers_status_check" CHECK ("enterprise_transfers"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "audit_pending" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"result" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_sign_offs" DROP CONSTRAINT "assessment_sign_offs_status_check";--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "status" text DEFAULT 'confirmed' NOT NULL;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "evidence" text;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "submitted_by" uuid;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "submitted_by_name" text;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "reviewed_by_name" text;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "enterprise_transfers" ADD CONSTRAINT "enterprise_transfers_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_transfers" ADD CONSTRAINT "enterprise_transfers_from_region_id_regions_id_fk" FOREIGN KEY ("from_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_transfers" ADD CONSTRAINT "enterprise_transfers_to_region_id_regions_id_fk" FOREIGN KEY ("to_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_transfers" ADD CONSTRAINT "enterprise_transfers_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_transfers" ADD CONSTRAINT "enterprise_transfers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_throttle_username_idx" ON "login_throttle" USING btree ("username");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_transfers_one_open" ON "enterprise_transfers" USING btree ("enterprise_id") WHERE "enterprise_transfers"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "enterprise_transfers_to_idx" ON "enterprise_transfers" USING btree ("to_region_id");--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_status_check" CHECK ("certifications"."status" in ('confirmed', 'pending', 'rejected'));--> statement-breakpoint
ALTER TABLE "assessment_sign_offs" ADD CONSTRAINT "assessment_sign_offs_status_check" CHECK ("assessment_sign_offs"."status" in ('open', 'submitted', 'approved', 'returned'));--> statement-breakpoint
-- Pending audit entries are never edited: they are chained as written, then deleted by the chainer.
CREATE TRIGGER audit_pending_no_update BEFORE UPDATE ON audit_pending
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
