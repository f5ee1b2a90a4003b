DROP INDEX "announcements_feed_idx";--> statement-breakpoint
CREATE INDEX "announcements_feed_idx" ON "announcements" USING btree ("event_id","published_at","id");