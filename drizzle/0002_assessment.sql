CREATE TABLE "assessment_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"region_id" text NOT NULL,
	"date" date NOT NULL,
	"type" text NOT NULL,
	"level" text NOT NULL,
	"hosted_by_local_government" boolean DEFAULT false NOT NULL,
	"title" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_activities_type" CHECK ("assessment_activities"."type" in ('policy-briefing', 'site-visit', 'training', 'bank-enterprise', 'promotion', 'other')),
	CONSTRAINT "assessment_activities_level" CHECK ("assessment_activities"."level" in ('national', 'provincial', 'city', 'county')),
	CONSTRAINT "assessment_activities_year" CHECK (extract(year from "assessment_activities"."date") = "assessment_activities"."year")
);
--> statement-breakpoint
CREATE TABLE "assessment_coverage" (
	"year" integer NOT NULL,
	"region_id" text NOT NULL,
	"month" integer NOT NULL,
	"covered" integer NOT NULL,
	"total" integer NOT NULL,
	"evidence" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_coverage_year_region_id_month_pk" PRIMARY KEY("year","region_id","month"),
	CONSTRAINT "assessment_coverage_counts" CHECK ("assessment_coverage"."covered" >= 0 and "assessment_coverage"."total" > 0 and "assessment_coverage"."covered" <= "assessment_coverage"."total"),
	CONSTRAINT "assessment_coverage_month" CHECK ("assessment_coverage"."month" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "assessment_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"region_id" text NOT NULL,
	"date" date NOT NULL,
	"direction" text NOT NULL,
	"kind" text,
	"level" text,
	"subject" text,
	"issuer" text,
	"title" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_events_shape" CHECK (("assessment_events"."direction" = 'bonus' and "assessment_events"."kind" in ('fund-project', 'recognition', 'commendation') and "assessment_events"."level" in ('national', 'provincial', 'city', 'county') and "assessment_events"."subject" in ('star-cloud', 'integration-standard', 'other'))
    or ("assessment_events"."direction" = 'deduction' and "assessment_events"."issuer" in ('provincial', 'city'))),
	CONSTRAINT "assessment_events_year" CHECK (extract(year from "assessment_events"."date") = "assessment_events"."year")
);
--> statement-breakpoint
CREATE TABLE "assessment_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"region_id" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"enterprise_id" uuid,
	"counted_on" date NOT NULL,
	"subsidy_level" text,
	"evidence" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_projects_category" CHECK ("assessment_projects"."category" in ('retrofit', 'cloud', 'portrait', 'benchmark')),
	CONSTRAINT "assessment_projects_year" CHECK (extract(year from "assessment_projects"."counted_on") = "assessment_projects"."year"),
	CONSTRAINT "assessment_projects_subsidy" CHECK ("assessment_projects"."category" <> 'retrofit' or "assessment_projects"."subsidy_level" in ('county', 'city', 'provincial', 'national'))
);
--> statement-breakpoint
CREATE TABLE "assessment_settings" (
	"year" integer PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_targets" (
	"year" integer NOT NULL,
	"region_id" text NOT NULL,
	"retrofit" integer NOT NULL,
	"cloud" integer NOT NULL,
	"portrait" integer NOT NULL,
	"benchmark" integer NOT NULL,
	"coverage_basis_points" integer NOT NULL,
	"reference" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_targets_year_region_id_pk" PRIMARY KEY("year","region_id"),
	CONSTRAINT "assessment_targets_positive" CHECK ("assessment_targets"."retrofit" > 0 and "assessment_targets"."cloud" > 0 and "assessment_targets"."portrait" > 0 and "assessment_targets"."benchmark" > 0),
	CONSTRAINT "assessment_targets_coverage" CHECK ("assessment_targets"."coverage_basis_points" > 0 and "assessment_targets"."coverage_basis_points" <= 10000)
);
--> statement-breakpoint
CREATE TABLE "assessment_work_items" (
	"year" integer NOT NULL,
	"region_id" text NOT NULL,
	"item" text NOT NULL,
	"done" boolean NOT NULL,
	"completed_on" date,
	"note" text,
	"evidence" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_work_items_year_region_id_item_pk" PRIMARY KEY("year","region_id","item"),
	CONSTRAINT "assessment_work_items_item" CHECK ("assessment_work_items"."item" in ('workTeam', 'actionPlan', 'subsidyPolicy', 'industrialChain'))
);
--> statement-breakpoint
ALTER TABLE "assessment_activities" ADD CONSTRAINT "assessment_activities_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_coverage" ADD CONSTRAINT "assessment_coverage_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_events" ADD CONSTRAINT "assessment_events_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_projects" ADD CONSTRAINT "assessment_projects_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_projects" ADD CONSTRAINT "assessment_projects_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_targets" ADD CONSTRAINT "assessment_targets_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_work_items" ADD CONSTRAINT "assessment_work_items_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_activities_year_region_idx" ON "assessment_activities" USING btree ("year","region_id");--> statement-breakpoint
CREATE INDEX "assessment_events_year_region_idx" ON "assessment_events" USING btree ("year","region_id");--> statement-breakpoint
CREATE INDEX "assessment_projects_year_region_idx" ON "assessment_projects" USING btree ("year","region_id","category");