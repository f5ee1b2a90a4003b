import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { announcements } from '~db/schema';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';
import { renderMarkdown } from './markdown.server';

/**
 * An announcement's body as members read it: sanitized HTML and a plain-text excerpt per
 * language, rendered once when the text is written (and again when it is sent) and stored on
 * the row. Rendering Markdown and sanitizing it for every item on every feed view was the
 * feed's largest cost after React (issue #12, decision 090).
 */

export const EXCERPT_LENGTH = 140;

export interface RenderedBody {
  bodyHtmlJa: string;
  bodyHtmlEn: string;
  excerptJa: string;
  excerptEn: string;
}

export function renderBody(content: { bodyJa: string; bodyEn: string }): RenderedBody {
  const bodyHtmlJa = renderMarkdown(content.bodyJa);
  const bodyHtmlEn = renderMarkdown(content.bodyEn);
  return {
    bodyHtmlJa,
    bodyHtmlEn,
    excerptJa: excerptOf(bodyHtmlJa),
    excerptEn: excerptOf(bodyHtmlEn),
  };
}

/**
 * A draft may be written in one language or both: a reader gets theirs if it has a title,
 * else the other one.
 */
export function readerLanguage(
  titles: { titleJa: string; titleEn: string },
  locale: Locale,
): Locale {
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  const preferred = locale === 'ja' ? titles.titleJa : titles.titleEn;
  return preferred.trim() ? locale : other;
}

/**
 * A stored column when the stored rendering is of the row's current revision, else NULL; and
 * the Markdown source only when it is not. Rows written before the columns existed (or by a
 * writer that does not render) thus carry their source and are rendered on read, while fresh
 * rows never send their full bodies over the wire.
 */
const isFresh = sql`${announcements.renderedRevision} IS NOT DISTINCT FROM ${announcements.revision}`;
export function whenFresh(column: PgColumn): SQL<string | null> {
  return sql<string | null>`CASE WHEN ${isFresh} THEN ${column} END`;
}
export function whenStale(column: PgColumn): SQL<string | null> {
  return sql<string | null>`CASE WHEN ${isFresh} THEN NULL ELSE ${column} END`;
}

/** The stored-or-source columns of both languages, for `readBody`. */
export const bodyColumns = {
  titleJa: announcements.titleJa,
  titleEn: announcements.titleEn,
  storedHtmlJa: whenFresh(announcements.bodyHtmlJa),
  storedHtmlEn: whenFresh(announcements.bodyHtmlEn),
  sourceJa: whenStale(announcements.bodyJa),
  sourceEn: whenStale(announcements.bodyEn),
};

export const excerptColumns = {
  titleJa: announcements.titleJa,
  titleEn: announcements.titleEn,
  storedExcerptJa: whenFresh(announcements.excerptJa),
  storedExcerptEn: whenFresh(announcements.excerptEn),
  sourceJa: whenStale(announcements.bodyJa),
  sourceEn: whenStale(announcements.bodyEn),
};

interface Titles {
  titleJa: string;
  titleEn: string;
  sourceJa: string | null;
  sourceEn: string | null;
}

export function readBody(
  row: Titles & { storedHtmlJa: string | null; storedHtmlEn: string | null },
  locale: Locale,
) {
  const language = readerLanguage(row, locale);
  const ja = language === 'ja';
  const stored = ja ? row.storedHtmlJa : row.storedHtmlEn;
  return {
    title: (ja ? row.titleJa : row.titleEn).trim(),
    bodyHtml: stored ?? renderMarkdown((ja ? row.sourceJa : row.sourceEn) ?? ''),
  };
}

export function readExcerpt(
  row: Titles & { storedExcerptJa: string | null; storedExcerptEn: string | null },
  locale: Locale,
) {
  const language = readerLanguage(row, locale);
  const ja = language === 'ja';
  const stored = ja ? row.storedExcerptJa : row.storedExcerptEn;
  return {
    title: (ja ? row.titleJa : row.titleEn).trim(),
    excerpt: stored ?? excerptOf(renderMarkdown((ja ? row.sourceJa : row.sourceEn) ?? '')),
  };
}

/** The first 140 characters of the body's text, for the feed. */
export function excerptOf(html: string) {
  const text = html
    .replace(/<\/?(strong|em|del|code|a|span)\b[^>]*>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}

/**
 * Renders and stores the body of every announcement whose stored rendering is missing or of
 * an older revision (rows written before the columns existed). Run once at start by the job
 * worker; the feed renders such rows on read until then, so it is never wrong, only slower.
 * Each row is written only if its revision is still the one rendered; a row edited meanwhile
 * was rendered by that edit.
 */
export async function renderStaleBodies(options: { batchSize?: number } = {}) {
  const batchSize = options.batchSize ?? 100;
  let after = '';
  let rendered = 0;
  for (;;) {
    const rows = await db
      .select({
        id: announcements.id,
        revision: announcements.revision,
        bodyJa: announcements.bodyJa,
        bodyEn: announcements.bodyEn,
      })
      .from(announcements)
      .where(and(gt(announcements.id, after), sql`NOT (${isFresh})`))
      .orderBy(asc(announcements.id))
      .limit(batchSize);
    if (rows.length === 0) return rendered;
    for (const row of rows) {
      await db
        .update(announcements)
        .set({ ...renderBody(row), renderedRevision: row.revision })
        .where(and(eq(announcements.id, row.id), eq(announcements.revision, row.revision)));
      rendered += 1;
    }
    after = rows[rows.length - 1].id;
  }
}
