-- Each 规上 enterprise's first month with a counted project, per year, at its current region (issue
-- 11): the coverage numerator of 附件2 when a region has no summary table. A score sheet used to
-- join the year's projects to every 规上 enterprise of the file (14.7 ms on average, 135 ms at worst
-- with 1,000,000 enterprises); now it counts these rows, kept by the project and enterprise triggers
-- in the writing transaction, as the 规上 counts per region already are (0014_report_cache).
CREATE TABLE "above_scale_first_counted" (
	"enterprise_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"region_id" text NOT NULL,
	"month" integer NOT NULL,
	CONSTRAINT "above_scale_first_counted_enterprise_id_year_pk" PRIMARY KEY("enterprise_id","year")
);
--> statement-breakpoint
CREATE INDEX "above_scale_first_counted_year_idx" ON "above_scale_first_counted" USING btree ("year","region_id","month");
--> statement-breakpoint
-- One enterprise's projects, read by every refresh below (and by the check of an enterprise's delete).
CREATE INDEX "assessment_projects_enterprise_idx" ON "assessment_projects" USING btree ("enterprise_id");
--> statement-breakpoint
INSERT INTO above_scale_first_counted (enterprise_id, year, region_id, month)
  SELECT p.enterprise_id, p.year, e.region_id, min(extract(month FROM p.counted_on))::int
  FROM assessment_projects p JOIN enterprises e ON e.id = p.enterprise_id AND e.above_scale
  GROUP BY p.enterprise_id, p.year, e.region_id;
--> statement-breakpoint
-- Recomputes the rows of the given enterprises from their projects and their current 规上 flag and
-- region. Writers of one enterprise queue on a transaction-scoped advisory lock, taken in one order
-- (so two writers never wait for each other in a circle) and before the report version rows (as the
-- version triggers fire after this one). Under READ COMMITTED each statement after the lock reads
-- with a fresh snapshot, so the writer that got the lock second sees the first one's committed rows
-- and the last refresh to commit is computed from everything committed before it.
CREATE FUNCTION above_scale_first_counted_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('above_scale_first_counted'), k)
    FROM (SELECT DISTINCT hashtext(id::text) AS k FROM unnest(ids) AS id ORDER BY k) keys;
  DELETE FROM above_scale_first_counted WHERE enterprise_id = ANY(ids);
  INSERT INTO above_scale_first_counted (enterprise_id, year, region_id, month)
    SELECT p.enterprise_id, p.year, e.region_id, min(extract(month FROM p.counted_on))::int
    FROM assessment_projects p JOIN enterprises e ON e.id = p.enterprise_id AND e.above_scale
    WHERE p.enterprise_id = ANY(ids)
    GROUP BY p.enterprise_id, p.year, e.region_id;
END;
$$;
--> statement-breakpoint
-- Only the refresh writes rows (its insert runs at trigger depth 2). A restore's own copy of this
-- table is dropped: the restored projects have already refreshed their enterprises, or will.
CREATE FUNCTION above_scale_first_counted_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RETURN NULL;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER above_scale_first_counted_guard BEFORE INSERT ON above_scale_first_counted
  FOR EACH ROW EXECUTE FUNCTION above_scale_first_counted_guard();
--> statement-breakpoint
-- Named so that it fires before assessment_projects_report_version (triggers of one event fire in
-- name order): the advisory locks come before the version row, for every writer.
CREATE FUNCTION assessment_projects_first_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM above_scale_first_counted_refresh(array(SELECT DISTINCT enterprise_id FROM new_rows WHERE enterprise_id IS NOT NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM above_scale_first_counted_refresh(array(SELECT DISTINCT enterprise_id FROM old_rows WHERE enterprise_id IS NOT NULL));
  ELSE
    PERFORM above_scale_first_counted_refresh(array(
      SELECT x.enterprise_id FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES (o.enterprise_id), (n.enterprise_id)) AS x(enterprise_id)
      WHERE x.enterprise_id IS NOT NULL
        AND (o.enterprise_id, o.year, o.counted_on) IS DISTINCT FROM (n.enterprise_id, n.year, n.counted_on)
      GROUP BY x.enterprise_id));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_projects_first_counted_insert AFTER INSERT ON assessment_projects
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_projects_first_counted();
--> statement-breakpoint
CREATE TRIGGER assessment_projects_first_counted_update AFTER UPDATE ON assessment_projects
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_projects_first_counted();
--> statement-breakpoint
CREATE TRIGGER assessment_projects_first_counted_delete AFTER DELETE ON assessment_projects
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_projects_first_counted();
--> statement-breakpoint
-- TRUNCATE has no transition tables; an enterprise file is only emptied with its projects (their
-- foreign key), so this one trigger covers a restore.
CREATE FUNCTION assessment_projects_first_counted_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM above_scale_first_counted;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_projects_first_counted_truncate AFTER TRUNCATE ON assessment_projects
  FOR EACH STATEMENT EXECUTE FUNCTION assessment_projects_first_counted_truncate();
--> statement-breakpoint
-- The enterprise triggers of 0014, now also refreshing the enterprises whose 规上 flag or region
-- changed (an insert has no projects yet), first, so that the advisory locks again come before the
-- version rows.
CREATE OR REPLACE FUNCTION enterprises_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  scale_changed boolean;
  changed uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    scale_changed := EXISTS (SELECT 1 FROM new_rows WHERE above_scale);
  ELSE
    -- The enterprises whose 规上 flag or region changed, found once (the transition tables of a bulk
    -- import are joined a single time) for both the refresh and the decision to bump and count.
    IF TG_OP = 'DELETE' THEN
      changed := array(SELECT id FROM old_rows WHERE above_scale);
    ELSE
      changed := array(
        SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.above_scale OR n.above_scale) AND (o.above_scale <> n.above_scale OR o.region_id <> n.region_id));
    END IF;
    scale_changed := cardinality(changed) > 0;
    PERFORM above_scale_first_counted_refresh(changed);
  END IF;
  IF scale_changed THEN
    UPDATE report_versions SET version = nextval('report_version_seq') WHERE area = 'assessment';
  END IF;
  UPDATE report_versions SET version = nextval('report_version_seq') WHERE area = 'enterprises';
  IF scale_changed THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO region_above_scale_counts AS c (region_id, enterprises)
        SELECT region_id, count(*) FROM new_rows WHERE above_scale GROUP BY region_id ORDER BY region_id
        ON CONFLICT (region_id) DO UPDATE SET enterprises = c.enterprises + excluded.enterprises;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO region_above_scale_counts AS c (region_id, enterprises)
        SELECT region_id, -count(*) FROM old_rows WHERE above_scale GROUP BY region_id ORDER BY region_id
        ON CONFLICT (region_id) DO UPDATE SET enterprises = c.enterprises + excluded.enterprises;
    ELSE
      INSERT INTO region_above_scale_counts AS c (region_id, enterprises)
        SELECT region_id, sum(d) FROM (
          SELECT region_id, 1 AS d FROM new_rows WHERE above_scale
          UNION ALL
          SELECT region_id, -1 AS d FROM old_rows WHERE above_scale
        ) delta GROUP BY region_id HAVING sum(d) <> 0 ORDER BY region_id
        ON CONFLICT (region_id) DO UPDATE SET enterprises = c.enterprises + excluded.enterprises;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
