CREATE TABLE "entrant_column_mappings" (
	"event_id" text PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entrant_uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"file_name" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_categories" (
	"event_id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_categories_event_id_name_pk" PRIMARY KEY("event_id","name")
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "name_kana" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "resend_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "resent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "name_search_key" text GENERATED ALWAYS AS (regexp_replace(translate(lower(regexp_replace(normalize("name" || '|' || "name_kana", NFKC), '[[:space:]・]+', '', 'g')), 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶヽヾ', 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖゝゞ'), '(.)', '\1\1\1', 'g')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "entrant_column_mappings" ADD CONSTRAINT "entrant_column_mappings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entrant_uploads" ADD CONSTRAINT "entrant_uploads_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entrant_uploads" ADD CONSTRAINT "entrant_uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_categories" ADD CONSTRAINT "event_categories_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entrant_uploads_created_idx" ON "entrant_uploads" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "invitations_event_bib_idx" ON "invitations" USING btree ("event_id","bib" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "invitations_name_search_idx" ON "invitations" USING gin ("name_search_key" gin_trgm_ops);--> statement-breakpoint
-- Categories already imported become the event's category list.
INSERT INTO "event_categories" ("event_id", "name")
SELECT DISTINCT "event_id", "category" FROM "invitations" WHERE coalesce("category", '') <> ''
UNION
SELECT DISTINCT "event_id", "category" FROM "memberships" WHERE coalesce("category", '') <> ''
ON CONFLICT DO NOTHING;
