CREATE TABLE "mail_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"lane" text NOT NULL,
	"stream_id" text,
	"status" text DEFAULT 'sending' NOT NULL,
	"recipients" jsonb NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mail_contents" (
	"id" text PRIMARY KEY NOT NULL,
	"stream_id" text NOT NULL,
	"template" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_streams" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"last_served_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "delivery_batches" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "delivery_batches" CASCADE;--> statement-breakpoint
DROP INDEX "deliveries_batch_idx";--> statement-breakpoint
ALTER TABLE "outbound_emails" ALTER COLUMN "to_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ALTER COLUMN "from_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ALTER COLUMN "subject" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ALTER COLUMN "html" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ALTER COLUMN "text" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "lane" text DEFAULT 'interactive' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "kind" text DEFAULT 'rendered' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "stream_id" text;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "event_id" text;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "content_id" text;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "delivery_id" bigint;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "invitation_id" text;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "skip_reason" text;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "not_before" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "batch_id" text;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "erase_after_send" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "scheduled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "mail_batches_due_idx" ON "mail_batches" USING btree ("status","lane","next_attempt_at");--> statement-breakpoint
CREATE INDEX "mail_streams_event_idx" ON "mail_streams" USING btree ("event_id","created_at");--> statement-breakpoint
CREATE INDEX "mail_streams_subject_idx" ON "mail_streams" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "mail_streams_status_idx" ON "mail_streams" USING btree ("status","not_before");--> statement-breakpoint
CREATE INDEX "outbound_emails_due_idx" ON "outbound_emails" USING btree ("lane","status","not_before");--> statement-breakpoint
CREATE INDEX "outbound_emails_stream_idx" ON "outbound_emails" USING btree ("stream_id","status");--> statement-breakpoint
CREATE INDEX "outbound_emails_batch_idx" ON "outbound_emails" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "outbound_emails_provider_idx" ON "outbound_emails" USING btree ("provider_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_emails_invitation_uq" ON "outbound_emails" USING btree ("invitation_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_emails_delivery_uq" ON "outbound_emails" USING btree ("delivery_id");--> statement-breakpoint
ALTER TABLE "deliveries" DROP COLUMN "batch_no";