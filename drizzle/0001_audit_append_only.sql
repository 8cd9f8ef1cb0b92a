-- The audit log is append-only: UPDATE and DELETE are refused for every role. Restores go through
-- TRUNCATE (an administrator's whole-database operation), which a row trigger does not see.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, 'genesis');
--> statement-breakpoint
ALTER TABLE users ADD CONSTRAINT users_enterprise_id_fk FOREIGN KEY (enterprise_id) REFERENCES enterprises(id);
