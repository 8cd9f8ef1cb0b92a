-- The search indexes' pending lists bounded to 256 kB (issue 11). A GIN index with fastupdate keeps
-- new entries in an unsorted pending list until (auto)vacuum or a full list merges them, and every
-- search reads the whole list: after a large import with autovacuum behind (or off), a search that
-- finds nothing took 4.8 ms on 100,000 files instead of 0.14 ms. A small list keeps that cost
-- bounded; imports still add entries in batches.
ALTER INDEX "enterprises_name_grams_idx" SET (gin_pending_list_limit = 256);
--> statement-breakpoint
ALTER INDEX "enterprises_uscc_grams_idx" SET (gin_pending_list_limit = 256);
