/**
 * The checks every browser test makes on its pages: no serious accessibility violations, and
 * no console errors.
 *
 *   const errors = watchConsole(page);
 *   …
 *   expect(await seriousA11yViolations(page)).toEqual([]);
 *   expect(errors).toEqual([]);
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** axe's serious and critical findings on the page as it is now, small enough to read in a diff. */
export async function seriousA11yViolations(page: Page) {
  // axe-core itself, run in the page. @axe-core/playwright's analyze() injects axe into every
  // frame and finishes each run in a new blank page (for cross-origin frames, which these pages
  // do not have): 1.3 s a check, the largest part of the browser tests' time, against 0.4 s.
  // Injected once per document; the same default rules.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/** Collects the page's console errors and uncaught exceptions (with the URL) from now on. */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${page.url()})`);
  });
  page.on('pageerror', (e) => errors.push(`${e.message} (${page.url()})`));
  return errors;
}
