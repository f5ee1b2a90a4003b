ALTER TABLE "video_views" DROP CONSTRAINT "video_views_membership_id_memberships_id_fk";
--> statement-breakpoint
ALTER TABLE "video_views" ALTER COLUMN "membership_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "video_views" ADD CONSTRAINT "video_views_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE set null ON UPDATE no action;