import { useT } from '~/i18n/use-t';

/**
 * The plain explanation of an event's community — what it is, what is shared with whom, how to
 * leave — on the event's page for visitors and on both join pages.
 */
export function CommunityFacts() {
  const t = useT();
  return (
    <div className="community-facts">
      <h2>{t('invitations.facts.whatHeading')}</h2>
      <ul>
        <li>{t('invitations.facts.what1')}</li>
        <li>{t('invitations.facts.what2')}</li>
        <li>{t('invitations.facts.what3')}</li>
      </ul>
      <h2>{t('invitations.facts.sharedHeading')}</h2>
      <ul>
        <li>{t('invitations.facts.shared1')}</li>
        <li>{t('invitations.facts.shared2')}</li>
        <li>{t('invitations.facts.shared3')}</li>
      </ul>
      <h2>{t('invitations.facts.leaveHeading')}</h2>
      <p>{t('invitations.facts.leave')}</p>
    </div>
  );
}
