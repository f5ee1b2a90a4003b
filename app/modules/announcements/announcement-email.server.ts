import type { EmailProps } from '~emails/index';
import type { Locale } from '~/i18n/types';
import { env } from '~/env.server';
import { renderEmail, type RenderedEmail } from '~/modules/mail/render-email.server';
import { readerLanguage } from './announcement-body.server';
import { renderMarkdown } from './markdown.server';

/**
 * The per-recipient part of an announcement email is its unsubscribe token only. The email is
 * rendered once per language with this placeholder in its place, and the worker substitutes
 * each recipient's token: rendering React Email 50,000 times would take minutes.
 */
export const RECIPIENT_TOKEN_PLACEHOLDER = 'STARTLINE0RECIPIENT0TOKEN';

export interface AnnouncementContent {
  id: string;
  titleJa: string;
  bodyJa: string;
  titleEn: string;
  bodyEn: string;
}

export interface EventNames {
  slug: string;
  nameJa: string;
  nameEn: string;
  organizerNameJa: string;
  organizerNameEn: string;
}

export interface ChannelNames {
  nameJa: string;
  nameEn: string;
}

/** A draft may be written in one language or both; a reader gets theirs, else the other. */
export function contentFor(content: AnnouncementContent, locale: Locale) {
  const ja = readerLanguage(content, locale) === 'ja';
  const title = (ja ? content.titleJa : content.titleEn).trim();
  return { title, bodyHtml: renderMarkdown(ja ? content.bodyJa : content.bodyEn) };
}

export function unsubscribeUrl(token: string) {
  return `${env.APP_URL}/u/${encodeURIComponent(token)}`;
}

export function announcementEmailProps(input: {
  content: AnnouncementContent;
  event: EventNames;
  channel: ChannelNames;
  locale: Locale;
  test?: boolean;
}): EmailProps<'announcement'> {
  const { content, event, channel, locale } = input;
  const { title, bodyHtml } = contentFor(content, locale);
  const base = `${env.APP_URL}/e/${encodeURIComponent(event.slug)}`;
  return {
    locale,
    eventName: locale === 'ja' ? event.nameJa : event.nameEn,
    organizerName: locale === 'ja' ? event.organizerNameJa : event.organizerNameEn,
    channelName: locale === 'ja' ? channel.nameJa : channel.nameEn,
    title,
    bodyHtml,
    announcementUrl: `${base}/a/${encodeURIComponent(content.id)}`,
    unsubscribeUrl: input.test
      ? `${env.APP_URL}/u/test`
      : unsubscribeUrl(RECIPIENT_TOKEN_PLACEHOLDER),
    settingsUrl: `${base}/settings`,
    test: input.test,
  };
}

export async function renderAnnouncementEmail(
  input: Parameters<typeof announcementEmailProps>[0],
): Promise<RenderedEmail> {
  const rendered = await renderEmail('announcement', announcementEmailProps(input));
  // @react-email/render 2.0.6 sometimes leaves NUL characters where a multi-byte character
  // straddles a stream chunk; PostgreSQL rejects them in text and they are never content.
  return {
    subject: rendered.subject,
    html: rendered.html.replaceAll('\u0000', ''),
    text: rendered.text.replaceAll('\u0000', ''),
  };
}

/** One recipient's copy: the frozen rendering with their own unsubscribe token. */
export function personalize(rendered: RenderedEmail, token: string): RenderedEmail {
  return {
    subject: rendered.subject,
    html: rendered.html.replaceAll(RECIPIENT_TOKEN_PLACEHOLDER, token),
    text: rendered.text.replaceAll(RECIPIENT_TOKEN_PLACEHOLDER, token),
  };
}
