CREATE TABLE "departments" (
	"id" text PRIMARY KEY NOT NULL,
	"city" text NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" text NOT NULL,
	"indicator_id" text NOT NULL,
	"region_id" text DEFAULT '' NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"revision" integer NOT NULL,
	"value" bigint NOT NULL,
	"note" text,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"department_id" text,
	"reported_by" uuid,
	"reported_by_name" text NOT NULL,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"reported_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_reports_month" CHECK ("plan_reports"."month" between 1 and 12),
	CONSTRAINT "plan_reports_revision_check" CHECK ("plan_reports"."revision" >= 1),
	CONSTRAINT "plan_reports_value_check" CHECK ("plan_reports"."value" >= 0)
);
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role_check";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "department_id" text;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_reports_revision" ON "plan_reports" USING btree ("plan_id","indicator_id","region_id","year","month","revision");--> statement-breakpoint
CREATE INDEX "plan_reports_year_idx" ON "plan_reports" USING btree ("plan_id","year","month");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_scope_check" CHECK (("users"."role" = 'department') = ("users"."department_id" is not null));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("users"."role" in ('city_admin', 'city_reviewer', 'region_officer', 'enterprise', 'provider', 'supervisor', 'finance', 'department'));--> statement-breakpoint
CREATE TRIGGER plan_reports_append_only BEFORE UPDATE OR DELETE ON plan_reports
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
