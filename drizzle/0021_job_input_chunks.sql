-- A job's file in numbered chunks (a batch's list may be hundreds of megabytes); an import's
-- workbook stays one chunk, seq 0.
ALTER TABLE "job_inputs" DROP CONSTRAINT "job_inputs_pkey";--> statement-breakpoint
ALTER TABLE "job_inputs" ADD COLUMN "seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "job_inputs" ADD CONSTRAINT "job_inputs_job_id_seq_pk" PRIMARY KEY("job_id","seq");
