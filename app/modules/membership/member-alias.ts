/**
 * How a member is named anywhere another person might read it: "Runner #4821" /
 * 「ランナー #4821」. Never the email address; the bib is shown to staff separately.
 */
export function memberAlias(aliasNumber: number, locale: 'ja' | 'en'): string {
  return locale === 'ja' ? `ランナー #${aliasNumber}` : `Runner #${aliasNumber}`;
}
