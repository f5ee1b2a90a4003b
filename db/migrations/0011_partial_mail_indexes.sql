DROP INDEX "outbound_emails_to_idx";--> statement-breakpoint
DROP INDEX "outbound_emails_due_idx";--> statement-breakpoint
DROP INDEX "outbound_emails_batch_idx";--> statement-breakpoint
DROP INDEX "outbound_emails_provider_idx";--> statement-breakpoint
DROP INDEX "outbound_emails_invitation_uq";--> statement-breakpoint
DROP INDEX "outbound_emails_delivery_uq";--> statement-breakpoint
DROP INDEX "deliveries_provider_idx";--> statement-breakpoint
DROP INDEX "deliveries_unsubscribe_uq";--> statement-breakpoint
CREATE INDEX "outbound_emails_to_idx" ON "outbound_emails" USING btree ("to_address") WHERE "outbound_emails"."to_address" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "outbound_emails_due_idx" ON "outbound_emails" USING btree ("lane","not_before") WHERE "outbound_emails"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "outbound_emails_batch_idx" ON "outbound_emails" USING btree ("batch_id") WHERE "outbound_emails"."batch_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "outbound_emails_provider_idx" ON "outbound_emails" USING btree ("provider_message_id") WHERE "outbound_emails"."provider_message_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_emails_invitation_uq" ON "outbound_emails" USING btree ("invitation_id","kind") WHERE "outbound_emails"."invitation_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_emails_delivery_uq" ON "outbound_emails" USING btree ("delivery_id") WHERE "outbound_emails"."delivery_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "deliveries_provider_idx" ON "deliveries" USING btree ("provider_message_id") WHERE "deliveries"."provider_message_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_unsubscribe_uq" ON "deliveries" USING btree ("unsubscribe_token_hash") WHERE "deliveries"."unsubscribe_token_hash" IS NOT NULL;