-- The enterprise list at province scale (issue 11, item 2): an index in the list's own order, and
-- search indexes that find a name or USCC fragment without reading the file.
--
-- zgsz_grams(t, n): the runs of n characters of lower(t) (GIN drops repeats itself; lower() once per value, as
-- it is called for every row an import writes). Names are indexed by pairs and
-- USCCs by runs of four: a search fragment's runs must all be in a row's set (GIN @>), and the
-- ILIKE beside it then checks the order. Not pg_trgm: a two-character Chinese fragment such as
-- "华宏" has no trigram and pg_trgm would read its whole index; pairs work in any locale. Runs of
-- four for USCCs because pairs of digits are each in a sixth of all codes (a USCC fragment of fewer
-- than four characters is not searched by code).
CREATE FUNCTION zgsz_grams(t text, n integer) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ select array(select substr(l, i, n) from (select lower(t) as l) as x, generate_series(1, char_length(t) - n + 1) as i) $$;
--> statement-breakpoint
-- The runs a search looks up: every n-th run of the fragment and its last, which together still
-- cover every character (the ILIKE beside them decides); a long fragment then reads a few posting
-- lists instead of one per position (an 18-character USCC: 5 instead of 15).
CREATE FUNCTION zgsz_query_grams(t text, n integer) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ select array(select substr(l, i, n) from (select lower(t) as l) as x, generate_series(1, char_length(t) - n + 1) as i
        where (i - 1) % n = 0 or i = char_length(t) - n + 1) $$;
--> statement-breakpoint
DROP INDEX IF EXISTS "enterprises_region_idx";
--> statement-breakpoint
CREATE INDEX "enterprises_list_idx" ON "enterprises" USING btree ("region_id", "name", "id");
--> statement-breakpoint
CREATE INDEX "enterprises_name_grams_idx" ON "enterprises" USING gin (zgsz_grams("name", 2));
--> statement-breakpoint
CREATE INDEX "enterprises_uscc_grams_idx" ON "enterprises" USING gin (zgsz_grams("uscc", 4));
