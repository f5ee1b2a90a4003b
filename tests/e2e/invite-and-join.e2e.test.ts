import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import {
  latestMail,
  linksInMail,
  newPage,
  screenshot,
  sharedBrowser,
  signInAs,
} from './support/browser';
import { seriousA11yViolations, watchConsole } from './support/page-checks';

// The demo event (seeded by the server) and its owner.
const OWNER = 'owner@sakura-marathon.example';
const SLUG = 'sakura-city-2027';
const EVENT_JA = 'さくらシティマラソン 2027';

/** Matches an email whose subject begins with this text (the product copy, from the table). */
function subjectStarting(text: string) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

/** The text of the first match, once it is there (playwright-core has no locator assertions). */
async function textOf(locator: Locator) {
  await locator.first().waitFor();
  return ((await locator.first().textContent()) ?? '').trim();
}

const browser = sharedBrowser();

describe('invite and join', () => {
  it('the owner imports a CSV, the invitee opens the invitation and joins in Japanese, and lands on the member home', async () => {
    const run = Date.now().toString(36);
    const invitee = `hanako.${run}@example.com`;
    const other = `ken.${run}@example.com`;
    // Bibs nobody of the demo event holds (its members have 1024, 2048 …), new on every run:
    // a bib held by another address is rejected.
    const bib = 100_000 + (Date.now() % 800_000);
    const fullWidth = (n: number) =>
      String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

    // 1. The owner uploads a small entrant list (Excel's "CSV UTF-8": BOM, CRLF, Japanese
    //    headers, a full-width address) with one bad line.
    const owner = await newPage(browser(), 'ja');
    const ownerErrors = watchConsole(owner);
    await signInAs(owner, OWNER);
    await owner.goto(`/staff/${SLUG}/import`);
    expect(await textOf(owner.locator('h1'))).toBe(translate('ja', 'invitations.import.title'));
    const csv = [
      'メールアドレス,氏名,ゼッケン,種目',
      `${invitee.toUpperCase().replace('@', '＠')},山田 花子,${fullWidth(bib)},フルマラソン`,
      `${other},佐藤 健,${bib + 1},フルマラソン`,
      `not-an-address,鈴木 恵美,${bib + 2},ハーフ`,
      `=cmd@example.com,"=HYPERLINK(""http://evil.example"")",${bib + 3},10km`,
    ].join('\r\n');
    await owner.locator('input[type="file"][name="file"]').setInputFiles({
      name: 'エントリー名簿.csv',
      mimeType: 'text/csv',
      buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]),
    });
    await Promise.all([
      owner.waitForURL(/\/import\?upload=/),
      owner.locator('main form button[type="submit"]').click(),
    ]);
    // The column check: guessed from the headers, example values with every address masked;
    // nothing is imported until it is confirmed.
    const mapping = owner.locator('section[aria-labelledby="mapping-heading"]');
    expect(await owner.locator('#map-email').inputValue()).toBe('0');
    expect(await owner.locator('#map-bib').inputValue()).toBe('2');
    const mappingText = (await textOf(mapping)).toLowerCase();
    expect(mappingText).toContain('h***@e***.com');
    expect(mappingText).not.toContain(invitee.split('@')[0]);
    expect(mappingText).not.toContain(other.split('@')[0]);
    await screenshot(owner, 'invite-import-mapping-ja');
    expect(await seriousA11yViolations(owner)).toEqual([]);
    await Promise.all([
      owner.waitForURL(/\/import\?result=/),
      mapping.locator('button[name="intent"][value="confirm"]').click(),
    ]);
    const result = owner.locator('section[aria-labelledby="result-heading"]');
    const count = (
      key: 'invitations.import.result.created' | 'invitations.import.result.rejected',
    ) => textOf(result.locator('li', { hasText: translate('ja', key) }).locator('strong'));
    expect(await count('invitations.import.result.created')).toBe('2');
    expect(await count('invitations.import.result.rejected')).toBe('2');
    expect(await textOf(result.locator('table'))).toContain(
      translate('ja', 'invitations.reason.invalid_email'),
    );
    expect(await textOf(result.locator('table'))).toContain(
      translate('ja', 'invitations.reason.formula', {
        column: translate('ja', 'invitations.column.name'),
      }),
    );
    expect(await textOf(result)).toContain(translate('ja', 'invitations.encoding.utf-8-bom'));
    await screenshot(owner, 'invite-import-result-ja');
    expect(await seriousA11yViolations(owner)).toEqual([]);

    // 2. The invitation arrives (bilingual); a scanner-style GET of both links changes nothing.
    const invitationSubject = subjectStarting(
      translate('ja', 'email.invitation.subject', { event: EVENT_JA }),
    );
    const invitation = await latestMail(invitee, { subject: invitationSubject, timeoutMs: 60_000 });
    expect(invitation.subject).toContain(EVENT_JA);
    expect(invitation.text).toContain(translate('ja', 'email.invitation.choice'));
    expect(invitation.text).toContain('Opening this email or its links does not sign you up');
    const joinLink = linksInMail(invitation).find((l) => /\/join\/[\w-]+$/.test(l))!;
    const declineLink = linksInMail(invitation).find((l) => /\/join\/[\w-]+\/decline$/.test(l))!;
    expect(joinLink).toBeTruthy();
    for (const link of [joinLink, declineLink]) {
      const response = await fetch(link, { redirect: 'manual' });
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie')).toBeNull();
    }

    // 3. The invitee reads the join page, in English first (another device), then in Japanese.
    const english = await newPage(browser(), 'en');
    await english.goto(joinLink);
    expect(await textOf(english.locator('h1'))).toContain(
      'Join the Sakura City Marathon 2027 runners’ community',
    );
    expect(await textOf(english.locator('.consent-text'))).toContain(
      'Sponsors learn nothing about me',
    );
    await screenshot(english, 'invite-join-page-en');
    await english.context().close();

    const page = await newPage(browser(), 'ja');
    const errors = watchConsole(page);
    await page.goto(joinLink);
    expect(await textOf(page.locator('h1'))).toContain(EVENT_JA);
    expect(await textOf(page.locator('.consent-text'))).toContain(
      '協賛社が私について知ることはありません',
    );
    const box = page.locator('input[type="checkbox"][name="consent"]');
    expect(await box.isChecked()).toBe(false);
    expect(await textOf(page.locator('main'))).not.toContain(invitee);
    expect(await textOf(page.locator('main'))).not.toContain('山田');
    await screenshot(page, 'invite-join-page-ja');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Pressing the button without ticking the box: a clear error, still on the page.
    await page.locator('main form button[type="submit"]').click();
    expect(await textOf(page.locator('#consent-error'))).toBe(
      translate('ja', 'invitations.join.notTicked'),
    );
    expect(page.url()).toBe(joinLink);
    // The refusal reaches the page's own request as data (entry.server.tsx), so the browser
    // logs no error for it.
    expect(errors.splice(0)).toEqual([]);

    // 4. Tick and join: the member home, signed in, in Japanese.
    await box.check();
    await Promise.all([
      page.waitForURL(new RegExp(`/e/${SLUG}\\?joined=1$`)),
      page.locator('main form button[type="submit"]').click(),
    ]);
    expect(await textOf(page.locator('[role="status"]'))).toBe(
      translate('ja', 'invitations.home.joined'),
    );
    expect(await textOf(page.locator('h1'))).toBe(
      translate('ja', 'invitations.home.welcome', { event: EVENT_JA }),
    );
    expect(await textOf(page.locator('.member-home__facts'))).toMatch(/ランナー #\d{4,5}/);
    expect(await textOf(page.locator('.member-home__facts'))).toContain(String(bib));
    await page.locator(`main a[href="/e/${SLUG}/settings"]`).waitFor();
    expect(await textOf(page.locator('main'))).not.toContain(invitee);
    await screenshot(page, 'invite-member-home-ja');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const welcome = await latestMail(invitee, {
      subject: subjectStarting(translate('ja', 'email.welcome.subject', { event: EVENT_JA })),
    });
    expect(welcome.text).toMatch(/ランナー #\d{4,5}/);

    // The used link now leads the member home, and for anyone else it is a dead link.
    await page.goto(joinLink);
    expect(new URL(page.url()).pathname).toBe(`/e/${SLUG}`);
    const stranger = await newPage(browser(), 'ja');
    const dead = await stranger.goto(joinLink);
    expect(dead?.status()).toBe(410);
    expect(await textOf(stranger.locator('h1'))).toBe(translate('ja', 'invitations.gone.title'));
    await stranger.context().close();

    // 5. The other invitee declines instead (for the screenshot and the result).
    const otherMail = await latestMail(other, { subject: invitationSubject, timeoutMs: 60_000 });
    const otherDecline = linksInMail(otherMail).find((l) => l.endsWith('/decline'))!;
    const declining = await newPage(browser(), 'ja');
    await declining.goto(otherDecline);
    await screenshot(declining, 'invite-decline-page-ja');
    await declining.locator('main form button[type="submit"]').click();
    expect(await textOf(declining.locator('[role="status"]'))).toBe(
      translate('ja', 'invitations.decline.done', { event: EVENT_JA }),
    );
    await screenshot(declining, 'invite-declined-ja');
    await declining.context().close();

    // A visitor's view of the event page: join by event code.
    const visitor = await newPage(browser(), 'en');
    await visitor.goto(`/e/${SLUG}`);
    await visitor.locator('h2', { hasText: 'Join the community' }).waitFor();
    await screenshot(visitor, 'invite-event-page-visitor-en');
    expect(await seriousA11yViolations(visitor)).toEqual([]);
    await visitor.context().close();

    expect(errors).toEqual([]);
    expect(ownerErrors).toEqual([]);
    await page.context().close();
    await owner.context().close();
  });
});
