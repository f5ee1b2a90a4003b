import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { events } from './events';
import { memberships } from './membership';

export const videos = pgTable(
  'videos',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en').notNull(),
    descriptionJa: text('description_ja').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    // Random storage keys chosen by the server; never a name a user supplied.
    storageKey: text('storage_key').notNull(),
    posterKey: text('poster_key'),
    contentType: text('content_type', { enum: ['video/mp4', 'video/webm'] }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    durationSeconds: integer('duration_seconds'),
    uploadedBy: text('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Set when staff take the video off the members' list without deleting it; cleared to
    // publish it again. Members never see or play an unpublished video.
    unpublishedAt: timestamp('unpublished_at', { withTimezone: true }),
    // Last edit of the titles or description, or replacement of the file.
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [index('videos_event_idx').on(t.eventId, t.createdAt)],
);

// One row per member and video, for aggregate statistics only (views, unique viewers,
// completion buckets). No page ever lists these rows per member.
export const videoViews = pgTable(
  'video_views',
  {
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    // Cleared, not deleted, when the member deletes their account: the aggregate counts stay
    // (SPEC P11) and the row no longer points at anyone.
    membershipId: text('membership_id').references(() => memberships.id, { onDelete: 'set null' }),
    plays: integer('plays').notNull().default(1),
    maxPercentWatched: integer('max_percent_watched').notNull().default(0),
    firstViewedAt: timestamp('first_viewed_at', { withTimezone: true }).notNull().defaultNow(),
    lastViewedAt: timestamp('last_viewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('video_views_video_member_uq').on(t.videoId, t.membershipId)],
);
