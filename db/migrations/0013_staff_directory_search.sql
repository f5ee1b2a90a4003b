-- pg_trgm backs the staff directory's name search (decision 092); drizzle-kit does not write extensions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "event_member_counts" (
	"event_id" text PRIMARY KEY NOT NULL,
	"active_members" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "name_search_key" text GENERATED ALWAYS AS (regexp_replace(translate(lower(regexp_replace(normalize("name", NFKC), '[[:space:]・]+', '', 'g')), 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶヽヾ', 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖゝゞ'), '(.)', '\1\1\1', 'g')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "event_member_counts" ADD CONSTRAINT "event_member_counts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_event_bib_idx" ON "memberships" USING btree ("event_id","bib" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "memberships_name_search_idx" ON "memberships" USING gin ("name_search_key" gin_trgm_ops);--> statement-breakpoint
-- Existing members are counted once here; from now on the statement triggers below keep the counts.
INSERT INTO "event_member_counts" ("event_id", "active_members")
SELECT "event_id", count(*) FILTER (WHERE "status" = 'active') FROM "memberships" GROUP BY "event_id";--> statement-breakpoint
-- One statement-level trigger per kind of write, with its transition table: a bulk INSERT … SELECT
-- of 50,000 members updates each event's count once, not 50,000 times. Rows are locked in
-- event order so two statements touching the same events cannot deadlock on them.
CREATE FUNCTION "event_member_counts_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_member_counts AS c (event_id, active_members)
  SELECT event_id, count(*) FILTER (WHERE status = 'active') FROM inserted_memberships
  GROUP BY event_id ORDER BY event_id
  ON CONFLICT (event_id) DO UPDATE SET active_members = c.active_members + excluded.active_members;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Every insert leaves a row for its event, even one of members who already left. Updates and
-- deletes only adjust that row, never insert one: while an event is deleted, its cascade may
-- already have removed it.
CREATE FUNCTION "event_member_counts_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE event_member_counts c SET active_members = c.active_members + d.delta
  FROM (
    SELECT event_id, sum(delta)::int AS delta FROM (
      SELECT event_id, 1 AS delta FROM new_memberships WHERE status = 'active'
      UNION ALL
      SELECT event_id, -1 FROM old_memberships WHERE status = 'active'
    ) changes GROUP BY event_id HAVING sum(delta) <> 0 ORDER BY event_id
  ) d
  WHERE c.event_id = d.event_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "event_member_counts_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE event_member_counts c SET active_members = c.active_members - d.removed
  FROM (
    SELECT event_id, count(*)::int AS removed FROM deleted_memberships WHERE status = 'active'
    GROUP BY event_id ORDER BY event_id
  ) d
  WHERE c.event_id = d.event_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "memberships_count_insert" AFTER INSERT ON "memberships"
  REFERENCING NEW TABLE AS inserted_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION "event_member_counts_after_insert"();--> statement-breakpoint
CREATE TRIGGER "memberships_count_update" AFTER UPDATE ON "memberships"
  REFERENCING OLD TABLE AS old_memberships NEW TABLE AS new_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION "event_member_counts_after_update"();--> statement-breakpoint
CREATE TRIGGER "memberships_count_delete" AFTER DELETE ON "memberships"
  REFERENCING OLD TABLE AS deleted_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION "event_member_counts_after_delete"();
