CREATE TABLE "offer_activity" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offer_claims" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"membership_id" text NOT NULL,
	"slot" integer NOT NULL,
	"code_id" bigint NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offer_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"sponsor_id" text NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'available' NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"redeemed_at" timestamp with time zone,
	"redeemed_via" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" text PRIMARY KEY NOT NULL,
	"sponsor_id" text NOT NULL,
	"event_id" text NOT NULL,
	"title_ja" text NOT NULL,
	"title_en" text NOT NULL,
	"body_ja" text DEFAULT '' NOT NULL,
	"body_en" text DEFAULT '' NOT NULL,
	"discount_ja" text NOT NULL,
	"discount_en" text NOT NULL,
	"terms_ja" text DEFAULT '' NOT NULL,
	"terms_en" text DEFAULT '' NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"per_member_limit" integer DEFAULT 1 NOT NULL,
	"image_file" text,
	"image_type" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"review_comment" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"published" jsonb,
	"published_from" timestamp with time zone,
	"published_until" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_limit_ck" CHECK ("offers"."per_member_limit" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "sponsor_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"sponsor_id" text NOT NULL,
	"email" text NOT NULL,
	"invited_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sponsor_notices" (
	"id" text PRIMARY KEY NOT NULL,
	"sponsor_id" text NOT NULL,
	"event_id" text NOT NULL,
	"title_ja" text NOT NULL,
	"title_en" text NOT NULL,
	"body_ja" text NOT NULL,
	"body_en" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"review_comment" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sponsor_staff" (
	"sponsor_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sponsor_staff_sponsor_id_user_id_pk" PRIMARY KEY("sponsor_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sponsors" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offer_activity" ADD CONSTRAINT "offer_activity_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_claims" ADD CONSTRAINT "offer_claims_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_claims" ADD CONSTRAINT "offer_claims_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_claims" ADD CONSTRAINT "offer_claims_code_id_offer_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."offer_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_codes" ADD CONSTRAINT "offer_codes_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_codes" ADD CONSTRAINT "offer_codes_sponsor_id_sponsors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."sponsors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_codes" ADD CONSTRAINT "offer_codes_claimed_by_memberships_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."memberships"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_sponsor_id_sponsors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."sponsors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsor_invitations" ADD CONSTRAINT "sponsor_invitations_sponsor_id_sponsors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."sponsors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsor_notices" ADD CONSTRAINT "sponsor_notices_sponsor_id_sponsors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."sponsors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsor_notices" ADD CONSTRAINT "sponsor_notices_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsor_staff" ADD CONSTRAINT "sponsor_staff_sponsor_id_sponsors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."sponsors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsor_staff" ADD CONSTRAINT "sponsor_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsors" ADD CONSTRAINT "sponsors_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_activity_offer_idx" ON "offer_activity" USING btree ("offer_id","kind","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "offer_claims_slot_uq" ON "offer_claims" USING btree ("offer_id","membership_id","slot");--> statement-breakpoint
CREATE UNIQUE INDEX "offer_claims_code_uq" ON "offer_claims" USING btree ("code_id");--> statement-breakpoint
CREATE UNIQUE INDEX "offer_codes_sponsor_code_uq" ON "offer_codes" USING btree ("sponsor_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "offer_codes_offer_code_uq" ON "offer_codes" USING btree ("offer_id","code");--> statement-breakpoint
CREATE INDEX "offer_codes_available_idx" ON "offer_codes" USING btree ("offer_id","id") WHERE "offer_codes"."status" = 'available';--> statement-breakpoint
CREATE INDEX "offer_codes_claimed_by_idx" ON "offer_codes" USING btree ("claimed_by");--> statement-breakpoint
CREATE INDEX "offers_sponsor_idx" ON "offers" USING btree ("sponsor_id");--> statement-breakpoint
CREATE INDEX "offers_event_status_idx" ON "offers" USING btree ("event_id","status");--> statement-breakpoint
CREATE INDEX "sponsor_invitations_email_idx" ON "sponsor_invitations" USING btree ("email");--> statement-breakpoint
CREATE INDEX "sponsor_notices_sponsor_idx" ON "sponsor_notices" USING btree ("sponsor_id");--> statement-breakpoint
CREATE INDEX "sponsor_notices_event_status_idx" ON "sponsor_notices" USING btree ("event_id","status");--> statement-breakpoint
CREATE INDEX "sponsor_staff_user_idx" ON "sponsor_staff" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sponsors_event_idx" ON "sponsors" USING btree ("event_id");