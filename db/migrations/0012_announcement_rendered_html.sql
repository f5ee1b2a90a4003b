ALTER TABLE "announcements" ADD COLUMN "body_html_ja" text;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "body_html_en" text;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "excerpt_ja" text;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "excerpt_en" text;--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "rendered_revision" integer;