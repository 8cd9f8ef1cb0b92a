-- Issue 12: an audit trail an insider cannot rewrite. From here on rows are sealed with HMAC-SHA256
-- under a key kept outside the database; rows already written keep their SHA-256 hashes. keyed_from
-- is the first keyed seq (the signed checkpoints outside the database record it too, so moving it to
-- pass rewritten rows off as unkeyed ones is caught).
ALTER TABLE "audit_head" ADD COLUMN "keyed_from" bigint;
--> statement-breakpoint
UPDATE "audit_head" SET "keyed_from" = "seq" + 1;
--> statement-breakpoint
ALTER TABLE "audit_head" ALTER COLUMN "keyed_from" SET NOT NULL;
--> statement-breakpoint
CREATE FUNCTION audit_head_keep_keyed_from() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.keyed_from IS DISTINCT FROM OLD.keyed_from THEN
    RAISE EXCEPTION 'audit_head.keyed_from never changes';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_head_keyed_from_fixed BEFORE UPDATE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_keep_keyed_from();
--> statement-breakpoint
-- TRUNCATE is not an UPDATE or DELETE: row triggers never see it. A statement trigger refuses it; a
-- restore, the one whole-database operation that empties the log on purpose, disables it inside its
-- own transaction (ALTER TABLE … DISABLE TRIGGER audit_log_no_truncate).
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_pending_no_truncate BEFORE TRUNCATE ON audit_pending
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- ENABLE ALWAYS: the triggers also fire under session_replication_role = replica, which otherwise
-- skips every ordinary trigger.
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
--> statement-breakpoint
ALTER TABLE audit_pending ENABLE ALWAYS TRIGGER audit_pending_no_update;
--> statement-breakpoint
ALTER TABLE audit_pending ENABLE ALWAYS TRIGGER audit_pending_no_truncate;
--> statement-breakpoint
ALTER TABLE audit_head ENABLE ALWAYS TRIGGER audit_head_keyed_from_fixed;
--> statement-breakpoint
-- The audit page filters by person and by record; the time range rides on a BRIN index (rows are
-- appended in time order, so it stays a few pages and costs appends almost nothing).
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_name", "seq");
--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity", "entity_id", "seq");
--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING brin ("at");
