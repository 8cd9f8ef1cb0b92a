CREATE TABLE "maturity_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"maturity_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "maturity_evidence" ADD CONSTRAINT "maturity_evidence_maturity_id_maturity_assessments_id_fk" FOREIGN KEY ("maturity_id") REFERENCES "public"."maturity_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_evidence" ADD CONSTRAINT "maturity_evidence_sha256_stored_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."stored_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maturity_evidence_idx" ON "maturity_evidence" USING btree ("maturity_id");