CREATE TABLE "diagnoses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"city" text NOT NULL,
	"region_id" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"scope" text NOT NULL,
	"funding" text DEFAULT 'city' NOT NULL,
	"policy_id" text NOT NULL,
	"measure_id" text NOT NULL,
	"status" text NOT NULL,
	"need" text NOT NULL,
	"requested_by" text NOT NULL,
	"provider_id" uuid,
	"supervisor_id" uuid,
	"dispatch_reason" text,
	"dispatched_by" text,
	"due_on" date,
	"fee_fen" bigint,
	"subsidy_fen" bigint,
	"supervision_fee_fen" bigint,
	"supervision_subsidy_fen" bigint,
	"contracted_on" date,
	"on_site_from" date,
	"report" jsonb,
	"reported_on" date,
	"maturity_id" uuid,
	"satisfaction" smallint,
	"acceptance_note" text,
	"accepted_on" date,
	"payment_stopped" boolean DEFAULT false NOT NULL,
	"payment_stop_reason" text,
	"provider_paid_fen" bigint DEFAULT 0 NOT NULL,
	"supervisor_paid_fen" bigint DEFAULT 0 NOT NULL,
	"cancel_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diagnoses_number_unique" UNIQUE("number"),
	CONSTRAINT "diagnoses_scope_check" CHECK ("diagnoses"."scope" in ('chain', 'factory', 'workshop')),
	CONSTRAINT "diagnoses_funding_check" CHECK ("diagnoses"."funding" in ('city', 'county')),
	CONSTRAINT "diagnoses_status_check" CHECK ("diagnoses"."status" in ('requested', 'dispatched', 'contracted', 'on_site', 'reported', 'accepted', 'paid', 'cancelled')),
	CONSTRAINT "diagnoses_supervisor_not_provider" CHECK ("diagnoses"."supervisor_id" is null or "diagnoses"."supervisor_id" <> "diagnoses"."provider_id"),
	CONSTRAINT "diagnoses_satisfaction_check" CHECK ("diagnoses"."satisfaction" is null or "diagnoses"."satisfaction" between 1 and 5),
	CONSTRAINT "diagnoses_paid_check" CHECK ("diagnoses"."provider_paid_fen" >= 0 and "diagnoses"."provider_paid_fen" <= coalesce("diagnoses"."subsidy_fen", 0) and "diagnoses"."supervisor_paid_fen" >= 0 and "diagnoses"."supervisor_paid_fen" <= coalesce("diagnoses"."supervision_subsidy_fen", 0))
);
--> statement-breakpoint
CREATE TABLE "diagnosis_checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"diagnosis_id" uuid NOT NULL,
	"code" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"finding" text NOT NULL,
	"note" text NOT NULL,
	"document_id" uuid,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diagnosis_checkpoints_finding_check" CHECK ("diagnosis_checkpoints"."finding" in ('ok', 'issue', 'stop'))
);
--> statement-breakpoint
CREATE TABLE "diagnosis_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"diagnosis_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diagnosis_documents_kind_check" CHECK ("diagnosis_documents"."kind" in ('agreement', 'contract', 'report', 'checkpoint'))
);
--> statement-breakpoint
CREATE TABLE "diagnosis_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"diagnosis_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"summary" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "diagnosis_quotas" (
	"city" text NOT NULL,
	"region_id" text NOT NULL,
	"year" integer NOT NULL,
	"scope" text NOT NULL,
	"quota" integer NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"clause" text,
	CONSTRAINT "diagnosis_quotas_city_region_id_year_scope_pk" PRIMARY KEY("city","region_id","year","scope"),
	CONSTRAINT "diagnosis_quotas_used_check" CHECK ("diagnosis_quotas"."used" >= 0 and "diagnosis_quotas"."used" <= "diagnosis_quotas"."quota")
);
--> statement-breakpoint
CREATE TABLE "maturity_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"source" text NOT NULL,
	"diagnosis_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"answers" jsonb,
	"total_milli" integer,
	"level" smallint,
	"result" jsonb,
	"assessed_on" date,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maturity_source_check" CHECK ("maturity_assessments"."source" in ('self', 'diagnosis', 'legacy')),
	CONSTRAINT "maturity_status_check" CHECK ("maturity_assessments"."status" in ('draft', 'submitted')),
	CONSTRAINT "maturity_total_check" CHECK ("maturity_assessments"."total_milli" is null or "maturity_assessments"."total_milli" between 0 and 100000)
);
--> statement-breakpoint
CREATE TABLE "provider_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"served_on" date NOT NULL,
	"note" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_services_kind_check" CHECK ("provider_services"."kind" in ('consultation', 'data_collection'))
);
--> statement-breakpoint
CREATE TABLE "service_org_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"summary" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_org_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"content" text NOT NULL,
	"received_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"recorded_by" text NOT NULL,
	CONSTRAINT "service_org_objections_status_check" CHECK ("service_org_objections"."status" in ('open', 'upheld', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "service_orgs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"city" text NOT NULL,
	"region_id" text NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"regions_served" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity" integer NOT NULL,
	"introduction" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"workflow" jsonb NOT NULL,
	"publicity_starts_on" date,
	"publicity_ends_on" date,
	"admitted_on" date,
	"review_due_on" date,
	"standing" text DEFAULT 'none' NOT NULL,
	"standing_reason" text,
	"rectify_by" date,
	"appeal" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_orgs_kind_check" CHECK ("service_orgs"."kind" in ('provider', 'supervisor')),
	CONSTRAINT "service_orgs_city_check" CHECK ("service_orgs"."city" in ('yangzhou', 'suzhou')),
	CONSTRAINT "service_orgs_status_check" CHECK ("service_orgs"."status" in ('draft', 'in_review', 'in_publicity', 'returned', 'approved', 'rejected')),
	CONSTRAINT "service_orgs_standing_check" CHECK ("service_orgs"."standing" in ('none', 'good', 'warned', 'rectifying', 'suspended', 'removed')),
	CONSTRAINT "service_orgs_capacity_check" CHECK ("service_orgs"."capacity" between 1 and 10000)
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "fund_ledger" ADD COLUMN "diagnosis_id" uuid;--> statement-breakpoint
ALTER TABLE "fund_ledger" ADD COLUMN "payee" text;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_provider_id_service_orgs_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."service_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_supervisor_id_service_orgs_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."service_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnosis_checkpoints" ADD CONSTRAINT "diagnosis_checkpoints_diagnosis_id_diagnoses_id_fk" FOREIGN KEY ("diagnosis_id") REFERENCES "public"."diagnoses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnosis_checkpoints" ADD CONSTRAINT "diagnosis_checkpoints_document_id_diagnosis_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."diagnosis_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnosis_documents" ADD CONSTRAINT "diagnosis_documents_diagnosis_id_diagnoses_id_fk" FOREIGN KEY ("diagnosis_id") REFERENCES "public"."diagnoses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnosis_documents" ADD CONSTRAINT "diagnosis_documents_sha256_stored_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."stored_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnosis_events" ADD CONSTRAINT "diagnosis_events_diagnosis_id_diagnoses_id_fk" FOREIGN KEY ("diagnosis_id") REFERENCES "public"."diagnoses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_diagnosis_id_diagnoses_id_fk" FOREIGN KEY ("diagnosis_id") REFERENCES "public"."diagnoses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_services" ADD CONSTRAINT "provider_services_org_id_service_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."service_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_services" ADD CONSTRAINT "provider_services_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_services" ADD CONSTRAINT "provider_services_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_org_events" ADD CONSTRAINT "service_org_events_org_id_service_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."service_orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_org_objections" ADD CONSTRAINT "service_org_objections_org_id_service_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."service_orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orgs" ADD CONSTRAINT "service_orgs_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "diagnoses_region_idx" ON "diagnoses" USING btree ("region_id","year");--> statement-breakpoint
CREATE INDEX "diagnoses_enterprise_idx" ON "diagnoses" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "diagnoses_provider_idx" ON "diagnoses" USING btree ("provider_id","status");--> statement-breakpoint
CREATE INDEX "diagnoses_supervisor_idx" ON "diagnoses" USING btree ("supervisor_id");--> statement-breakpoint
CREATE INDEX "diagnosis_checkpoints_diag_idx" ON "diagnosis_checkpoints" USING btree ("diagnosis_id");--> statement-breakpoint
CREATE INDEX "diagnosis_documents_diag_idx" ON "diagnosis_documents" USING btree ("diagnosis_id");--> statement-breakpoint
CREATE INDEX "diagnosis_events_diag_idx" ON "diagnosis_events" USING btree ("diagnosis_id","id");--> statement-breakpoint
CREATE INDEX "maturity_enterprise_idx" ON "maturity_assessments" USING btree ("enterprise_id","instrument_id");--> statement-breakpoint
CREATE INDEX "provider_services_org_idx" ON "provider_services" USING btree ("org_id","served_on");--> statement-breakpoint
CREATE INDEX "service_org_events_org_idx" ON "service_org_events" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_orgs_one_per_city" ON "service_orgs" USING btree ("city","kind","uscc");--> statement-breakpoint
CREATE INDEX "fund_ledger_diagnosis_idx" ON "fund_ledger" USING btree ("diagnosis_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_scope_check" CHECK ("users"."organisation_id" is null or "users"."role" in ('provider', 'supervisor'));--> statement-breakpoint
ALTER TABLE "fund_ledger" ADD CONSTRAINT "fund_ledger_one_subject" CHECK ("fund_ledger"."application_id" is null or "fund_ledger"."diagnosis_id" is null);--> statement-breakpoint
ALTER TABLE "fund_ledger" ADD CONSTRAINT "fund_ledger_payee_check" CHECK ("fund_ledger"."payee" is null or "fund_ledger"."payee" in ('provider', 'supervisor'));--> statement-breakpoint
-- The histories of diagnoses and of the provider pool are append-only (refuse_change from 0005).
CREATE TRIGGER diagnosis_events_append_only BEFORE UPDATE OR DELETE ON diagnosis_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER service_org_events_append_only BEFORE UPDATE OR DELETE ON service_org_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
-- Declared here rather than in the schema: core.ts (users) would otherwise import the diagnosis schema.
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."service_orgs"("id");
