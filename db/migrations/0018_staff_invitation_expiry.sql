-- Staff invitations expire like sponsor ones: until now their age stood for an expiry
-- (created_at + 14 days, ROLE_INVITATION_DAYS). Existing rows get exactly that moment, so no
-- live invitation dies and no expired one comes back; new rows are written with it.
-- 336 hours, not '14 days': the app adds 14 × 24 h, and a day interval follows the session's DST.
ALTER TABLE "staff_invitations" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
UPDATE "staff_invitations" SET "expires_at" = "created_at" + interval '336 hours';--> statement-breakpoint
ALTER TABLE "staff_invitations" ALTER COLUMN "expires_at" SET NOT NULL;
