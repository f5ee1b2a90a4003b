CREATE TABLE "announcement_emails" (
	"announcement_id" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "announcement_emails_announcement_id_locale_pk" PRIMARY KEY("announcement_id","locale")
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"title_ja" text DEFAULT '' NOT NULL,
	"body_ja" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"body_en" text DEFAULT '' NOT NULL,
	"audience_mode" text NOT NULL,
	"audience_filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" text,
	"edited_by" text,
	"edited_by_role" text NOT NULL,
	"approved_by" text,
	"approved_revision" integer,
	"approved_at" timestamp with time zone,
	"sent_by" text,
	"sent_snapshot_id" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audience_snapshot_members" (
	"snapshot_id" text NOT NULL,
	"membership_id" text NOT NULL,
	CONSTRAINT "audience_snapshot_members_snapshot_id_membership_id_pk" PRIMARY KEY("snapshot_id","membership_id")
);
--> statement-breakpoint
CREATE TABLE "audience_snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"announcement_id" text NOT NULL,
	"event_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"revision" integer NOT NULL,
	"audience_mode" text NOT NULL,
	"audience_filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recipient_count" integer NOT NULL,
	"recipient_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"announcement_id" text NOT NULL,
	"membership_id" text,
	"batch_no" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"skip_reason" text,
	"outcome" text,
	"provider_message_id" text,
	"unsubscribe_token_hash" text,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"outcome_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "delivery_batches" (
	"announcement_id" text NOT NULL,
	"batch_no" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"prepared_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "delivery_batches_announcement_id_batch_no_pk" PRIMARY KEY("announcement_id","batch_no")
);
--> statement-breakpoint
CREATE TABLE "delivery_pacing" (
	"key" text PRIMARY KEY NOT NULL,
	"next_slot_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relay_addresses" (
	"membership_id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp with time zone,
	CONSTRAINT "relay_addresses_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"type" text NOT NULL,
	"provider_message_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "announcement_emails" ADD CONSTRAINT "announcement_emails_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audience_snapshot_members" ADD CONSTRAINT "audience_snapshot_members_snapshot_id_audience_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."audience_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audience_snapshot_members" ADD CONSTRAINT "audience_snapshot_members_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audience_snapshots" ADD CONSTRAINT "audience_snapshots_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_batches" ADD CONSTRAINT "delivery_batches_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relay_addresses" ADD CONSTRAINT "relay_addresses_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcements_event_idx" ON "announcements" USING btree ("event_id","created_at");--> statement-breakpoint
CREATE INDEX "announcements_feed_idx" ON "announcements" USING btree ("event_id","published_at");--> statement-breakpoint
CREATE INDEX "audience_snapshot_members_member_idx" ON "audience_snapshot_members" USING btree ("membership_id");--> statement-breakpoint
CREATE INDEX "audience_snapshots_announcement_idx" ON "audience_snapshots" USING btree ("announcement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_announcement_member_uq" ON "deliveries" USING btree ("announcement_id","membership_id");--> statement-breakpoint
CREATE INDEX "deliveries_batch_idx" ON "deliveries" USING btree ("announcement_id","batch_no");--> statement-breakpoint
CREATE INDEX "deliveries_provider_idx" ON "deliveries" USING btree ("provider_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_unsubscribe_uq" ON "deliveries" USING btree ("unsubscribe_token_hash");--> statement-breakpoint
CREATE INDEX "delivery_batches_status_idx" ON "delivery_batches" USING btree ("status","lease_until");