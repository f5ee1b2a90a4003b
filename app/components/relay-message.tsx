import { Form, Link } from '@remix-run/react';
import type { RelayMessageNote } from '~db/schema';
import { TextAreaField } from '~/components/form-field';
import { droppedAttachmentReason } from '~/i18n/key-families';
import { useT } from '~/i18n/use-t';

/** A message's text as written: line breaks kept, never interpreted as HTML. */
export function MessageBody(props: { text: string }) {
  return <div className="relay-message__body">{props.text}</div>;
}

/** The facts noted on a message (a dropped attachment, removed addresses), in the reader's language. */
export function MessageNotes(props: { notes: RelayMessageNote[]; maxAttachmentBytes: number }) {
  const t = useT();
  if (props.notes.length === 0) return null;
  const max = `${Math.round(props.maxAttachmentBytes / (1024 * 1024))} MB`;
  return (
    <ul className="relay-message__notes">
      {props.notes.map((note, index) => (
        <li key={index}>
          {note.kind === 'attachment_dropped'
            ? t(droppedAttachmentReason(note.reason), { name: note.fileName, max })
            : t('relay.note.addresses_removed', { count: note.count })}
        </li>
      ))}
    </ul>
  );
}

/**
 * "Reply privately to the organizer": a plain POST to the member's own thread page, which
 * stores the message there and shows it. Nothing a member writes here is shown to anyone but
 * the race office (SPEC P3).
 */
export function PrivateReplyForm(props: { slug: string; announcementId?: string }) {
  const t = useT();
  return (
    <section className="card private-reply" aria-labelledby="private-reply-heading">
      <h2 id="private-reply-heading">{t('relay.reply.heading')}</h2>
      <p className="muted">{t('relay.reply.hint')}</p>
      <Form method="post" action={`/e/${props.slug}/messages`}>
        {props.announcementId ? (
          <input type="hidden" name="announcementId" value={props.announcementId} />
        ) : null}
        <TextAreaField
          name="body"
          label={t('relay.member.field')}
          rows={5}
          maxLength={5000}
          required
        />
        <div className="actions">
          <button type="submit" className="button">
            {t('relay.reply.submit')}
          </button>
          <Link to={`/e/${props.slug}/messages`}>{t('relay.reply.thread')}</Link>
        </div>
      </Form>
    </section>
  );
}
