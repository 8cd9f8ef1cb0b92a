CREATE TABLE "application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"step_id" text,
	"step_name" text,
	"opinion" text,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"summary" text NOT NULL,
	"snapshot" jsonb
);
--> statement-breakpoint
CREATE TABLE "application_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stage" text DEFAULT 'application' NOT NULL,
	"removed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "application_evidence_status_check" CHECK ("application_evidence"."status" in ('pending', 'accepted', 'needs_correction')),
	CONSTRAINT "application_evidence_stage_check" CHECK ("application_evidence"."stage" in ('application', 'acceptance'))
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_id" text NOT NULL,
	"city" text NOT NULL,
	"policy_id" text NOT NULL,
	"measure_id" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"step_index" integer DEFAULT 0 NOT NULL,
	"workflow" jsonb NOT NULL,
	"chain_id" uuid NOT NULL,
	"facts" jsonb NOT NULL,
	"evaluation" jsonb NOT NULL,
	"evaluated_on" date NOT NULL,
	"eligible" boolean NOT NULL,
	"min_fen" bigint NOT NULL,
	"max_fen" bigint,
	"payer" text NOT NULL,
	"approved_fen" bigint,
	"city_part_fen" bigint,
	"county_part_fen" bigint,
	"disbursed_fen" bigint DEFAULT 0 NOT NULL,
	"reclaimed_fen" bigint DEFAULT 0 NOT NULL,
	"advance_fen" bigint DEFAULT 0 NOT NULL,
	"acceptance" text DEFAULT 'none' NOT NULL,
	"acceptance_note" text,
	"accepted_on" date,
	"accepted_by" text,
	"prepared_by" uuid,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_number_unique" UNIQUE("number"),
	CONSTRAINT "applications_status_check" CHECK ("applications"."status" in ('draft', 'in_review', 'in_publicity', 'returned', 'approved', 'rejected')),
	CONSTRAINT "applications_acceptance_check" CHECK ("applications"."acceptance" in ('none', 'passed', 'failed')),
	CONSTRAINT "applications_payer_check" CHECK ("applications"."payer" in ('city', 'county', 'shared')),
	CONSTRAINT "applications_approved_max" CHECK ("applications"."approved_fen" is null or ("applications"."approved_fen" > 0 and ("applications"."max_fen" is null or "applications"."approved_fen" <= "applications"."max_fen"))),
	CONSTRAINT "applications_disbursed" CHECK ("applications"."disbursed_fen" >= 0 and "applications"."disbursed_fen" <= coalesce("applications"."approved_fen", 0)),
	CONSTRAINT "applications_reclaimed" CHECK ("applications"."reclaimed_fen" >= 0 and "applications"."reclaimed_fen" <= "applications"."disbursed_fen")
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	CONSTRAINT "calendar_days_kind_check" CHECK ("calendar_days"."kind" in ('holiday', 'workday'))
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"name" text NOT NULL,
	"organisation" text,
	"phone" text NOT NULL,
	"content" text NOT NULL,
	"received_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"recorded_by" text NOT NULL,
	CONSTRAINT "objections_status_check" CHECK ("objections"."status" in ('open', 'upheld', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "publicity_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city" text NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"length" integer NOT NULL,
	"unit" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"contact" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "publicity_batches_status_check" CHECK ("publicity_batches"."status" in ('open', 'closed')),
	CONSTRAINT "publicity_batches_unit_check" CHECK ("publicity_batches"."unit" in ('calendar', 'working'))
);
--> statement-breakpoint
CREATE TABLE "publicity_items" (
	"batch_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	CONSTRAINT "publicity_items_batch_id_application_id_pk" PRIMARY KEY("batch_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "review_chains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" text NOT NULL,
	"measure_id" text,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"ext" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_caps" (
	"enterprise_id" uuid NOT NULL,
	"cap_key" text NOT NULL,
	"year" integer NOT NULL,
	"cap_fen" bigint NOT NULL,
	"used_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "enterprise_caps_enterprise_id_cap_key_year_pk" PRIMARY KEY("enterprise_id","cap_key","year"),
	CONSTRAINT "enterprise_caps_used_check" CHECK ("enterprise_caps"."used_fen" >= 0 and "enterprise_caps"."used_fen" <= "enterprise_caps"."cap_fen")
);
--> statement-breakpoint
CREATE TABLE "fund_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"application_id" uuid,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date,
	"voucher" text,
	"purpose" text,
	"clause" text,
	"note" text,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_ledger_kind_check" CHECK ("fund_ledger"."kind" in ('budget', 'commit', 'release', 'disburse', 'reclaim'))
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city" text NOT NULL,
	"year" integer NOT NULL,
	"level" text NOT NULL,
	"region_id" text,
	"name" text NOT NULL,
	"budget_fen" bigint NOT NULL,
	"committed_fen" bigint DEFAULT 0 NOT NULL,
	"disbursed_fen" bigint DEFAULT 0 NOT NULL,
	"measures" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_level_check" CHECK ("funds"."level" in ('city', 'county')),
	CONSTRAINT "funds_scope_check" CHECK (("funds"."level" = 'county') = ("funds"."region_id" is not null)),
	CONSTRAINT "funds_amounts_check" CHECK ("funds"."budget_fen" >= 0 and "funds"."committed_fen" >= 0 and "funds"."committed_fen" <= "funds"."budget_fen" and "funds"."disbursed_fen" >= 0 and "funds"."disbursed_fen" <= "funds"."committed_fen")
);
--> statement-breakpoint
ALTER TABLE "assessment_projects" ADD COLUMN "application_id" uuid;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_evidence" ADD CONSTRAINT "application_evidence_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_evidence" ADD CONSTRAINT "application_evidence_sha256_stored_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."stored_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_chain_id_review_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."review_chains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_prepared_by_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_batch_id_publicity_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."publicity_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_items" ADD CONSTRAINT "publicity_items_batch_id_publicity_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."publicity_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_items" ADD CONSTRAINT "publicity_items_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_caps" ADD CONSTRAINT "enterprise_caps_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_ledger" ADD CONSTRAINT "fund_ledger_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_ledger" ADD CONSTRAINT "fund_ledger_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_events_app_idx" ON "application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "application_evidence_app_idx" ON "application_evidence" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "application_evidence_sha_idx" ON "application_evidence" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "applications_region_status_idx" ON "applications" USING btree ("region_id","status");--> statement-breakpoint
CREATE INDEX "applications_enterprise_idx" ON "applications" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "applications_policy_year_idx" ON "applications" USING btree ("policy_id","year");--> statement-breakpoint
CREATE INDEX "objections_app_idx" ON "objections" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_chains_version" ON "review_chains" USING btree ("policy_id",coalesce("measure_id", ''),"year","version");--> statement-breakpoint
CREATE INDEX "fund_ledger_fund_idx" ON "fund_ledger" USING btree ("fund_id","id");--> statement-breakpoint
CREATE INDEX "fund_ledger_app_idx" ON "fund_ledger" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "funds_one_per_level" ON "funds" USING btree ("city","year","level",coalesce("region_id", ''));--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_projects_application" ON "assessment_projects" USING btree ("application_id");--> statement-breakpoint
-- The ledger and the application history are append-only.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER fund_ledger_append_only BEFORE UPDATE OR DELETE ON fund_ledger
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER application_events_append_only BEFORE UPDATE OR DELETE ON application_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
