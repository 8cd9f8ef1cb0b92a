-- The business date of an application's (last) submission. Reports count 申报 by the programme's
-- month: on a live system it is the China date of submitted_at, but a system run on a set business
-- date (the demo, a training copy) submitted its applications on that date, not on the clock's.
ALTER TABLE "applications" ADD COLUMN "submitted_on" date;
--> statement-breakpoint
UPDATE "applications" SET "submitted_on" = ("submitted_at" AT TIME ZONE 'Asia/Shanghai')::date WHERE "submitted_at" IS NOT NULL;
