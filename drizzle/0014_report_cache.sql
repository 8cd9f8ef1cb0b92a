-- Reports computed once (issue 11, item 3). Each instance keeps computed reports in memory keyed by
-- the data version of the areas they read; the versions live here so that every instance agrees.
-- They are bumped by statement triggers on the tables the reports read, in the writing transaction:
-- a write that forgets to bump cannot exist (imports, transfers and the CLI included), and a
-- reader sees the new version exactly when it sees the new rows.
--
-- Lock order: a bump holds its version row until commit, so writers of one area queue there. The
-- enterprise triggers take 'assessment' (only for a 规上 or region change) before 'enterprises',
-- and the per-region counts only after both, so two writers never wait for each other in a circle.
--
-- A version is drawn from a sequence rather than counted up: a restore (src/db/backup.ts) truncates
-- this table and inserts the backup's rows, and a counter would then go back to a number some
-- instance has already cached other data under. Every inserted row takes a fresh number instead.
CREATE SEQUENCE report_version_seq;
--> statement-breakpoint
CREATE TABLE report_versions (
  area text PRIMARY KEY,
  version bigint NOT NULL DEFAULT nextval('report_version_seq')
);
--> statement-breakpoint
CREATE FUNCTION report_versions_fresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := nextval('report_version_seq');
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER report_versions_fresh BEFORE INSERT ON report_versions
  FOR EACH ROW EXECUTE FUNCTION report_versions_fresh();
--> statement-breakpoint
INSERT INTO report_versions (area) VALUES ('assessment'), ('enterprises');
--> statement-breakpoint
-- 规上 enterprises per region (the coverage denominator when a region has no summary table), kept
-- by the enterprise triggers so that a score sheet reads a dozen rows instead of the whole file.
CREATE TABLE region_above_scale_counts (
  region_id text PRIMARY KEY REFERENCES regions(id),
  enterprises bigint NOT NULL DEFAULT 0
);
--> statement-breakpoint
INSERT INTO region_above_scale_counts (region_id, enterprises)
  SELECT region_id, count(*) FROM enterprises WHERE above_scale GROUP BY region_id;
--> statement-breakpoint
-- Only the enterprise triggers write the counts (a trigger's insert runs at depth 2). A restore's
-- own copy of this table is dropped: its enterprise rows have already counted themselves, or will.
CREATE FUNCTION region_above_scale_counts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RETURN NULL;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER region_above_scale_counts_guard BEFORE INSERT ON region_above_scale_counts
  FOR EACH ROW EXECUTE FUNCTION region_above_scale_counts_guard();
--> statement-breakpoint
CREATE FUNCTION report_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_versions SET version = nextval('report_version_seq') WHERE area = TG_ARGV[0];
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_targets_report_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assessment_targets
  FOR EACH STATEMENT EXECUTE FUNCTION report_versions_bump('assessment');
--> statement-breakpoint
CREATE TRIGGER assessment_projects_report_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assessment_projects
  FOR EACH STATEMENT EXECUTE FUNCTION report_versions_bump('assessment');
--> statement-breakpoint
CREATE TRIGGER assessment_coverage_report_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assessment_coverage
  FOR EACH STATEMENT EXECUTE FUNCTION report_versions_bump('assessment');
--> statement-breakpoint
CREATE TRIGGER assessment_work_items_report_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assessment_work_items
  FOR EACH STATEMENT EXECUTE FUNCTION report_versions_bump('assessment');
--> statement-breakpoint
CREATE TRIGGER assessment_activities_report_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assessment_activities
  FOR EACH STATEMENT EXECUTE FUNCTION report_versions_bump('assessment');
--> statement-breakpoint
CREATE TRIGGER assessment_events_report_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assessment_events
  FOR EACH STATEMENT EXECUTE FUNCTION report_versions_bump('assessment');
--> statement-breakpoint
CREATE TRIGGER assessment_settings_report_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assessment_settings
  FOR EACH STATEMENT EXECUTE FUNCTION report_versions_bump('assessment');
--> statement-breakpoint
CREATE TRIGGER assessment_sign_offs_report_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assessment_sign_offs
  FOR EACH STATEMENT EXECUTE FUNCTION report_versions_bump('assessment');
--> statement-breakpoint
CREATE TRIGGER certifications_report_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON certifications
  FOR EACH STATEMENT EXECUTE FUNCTION report_versions_bump('enterprises');
--> statement-breakpoint
-- One function for the three row-changing events: each trigger has only its own transition tables
-- (an INSERT no old rows, a DELETE no new ones), so every branch names only those it has.
CREATE FUNCTION enterprises_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  scale_changed boolean;
BEGIN
  IF TG_OP = 'INSERT' THEN
    scale_changed := EXISTS (SELECT 1 FROM new_rows WHERE above_scale);
  ELSIF TG_OP = 'DELETE' THEN
    scale_changed := EXISTS (SELECT 1 FROM old_rows WHERE above_scale);
  ELSE
    scale_changed := EXISTS (
      SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.above_scale OR n.above_scale) AND (o.above_scale <> n.above_scale OR o.region_id <> n.region_id));
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
--> statement-breakpoint
CREATE TRIGGER enterprises_report_insert AFTER INSERT ON enterprises
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprises_report_change();
--> statement-breakpoint
CREATE TRIGGER enterprises_report_update AFTER UPDATE ON enterprises
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprises_report_change();
--> statement-breakpoint
CREATE TRIGGER enterprises_report_delete AFTER DELETE ON enterprises
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprises_report_change();
--> statement-breakpoint
-- A restore empties the file with TRUNCATE, which has no transition tables: start the counts over.
CREATE FUNCTION enterprises_report_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_versions SET version = nextval('report_version_seq') WHERE area = 'assessment';
  UPDATE report_versions SET version = nextval('report_version_seq') WHERE area = 'enterprises';
  DELETE FROM region_above_scale_counts;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER enterprises_report_truncate AFTER TRUNCATE ON enterprises
  FOR EACH STATEMENT EXECUTE FUNCTION enterprises_report_truncate();
