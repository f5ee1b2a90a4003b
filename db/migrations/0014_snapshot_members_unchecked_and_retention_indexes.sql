ALTER TABLE "audience_snapshot_members" DROP CONSTRAINT "audience_snapshot_members_snapshot_id_audience_snapshots_id_fk";
--> statement-breakpoint
ALTER TABLE "audience_snapshot_members" DROP CONSTRAINT "audience_snapshot_members_membership_id_memberships_id_fk";
--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "outbound_emails_interactive_created_idx" ON "outbound_emails" USING btree ("created_at") WHERE "outbound_emails"."lane" = 'interactive';--> statement-breakpoint
CREATE INDEX "outbound_emails_reply_to_idx" ON "outbound_emails" USING btree ("reply_to") WHERE "outbound_emails"."reply_to" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "webhook_events_received_idx" ON "webhook_events" USING btree ("received_at");