import { createElement } from 'react';
import type { EmailProps, EmailTemplateName } from '~emails/index';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * The templates and React Email, loaded on the first email rendered rather than at start:
 * @react-email/components pulls in Tailwind's compiler and Prism, ~0.5 s of CPU at every
 * start of every process, web processes included, which mostly never render an email (issue
 * #12). The server build bundles these packages (vite.config.ts) so that the dynamic import
 * defers their evaluation instead of importing them when the server build loads.
 */
let emailRenderer: Promise<{
  emailTemplates: typeof import('~emails/index').emailTemplates;
  render: typeof import('@react-email/render').render;
}> | null = null;

function loadEmailRenderer() {
  if (!emailRenderer) {
    emailRenderer = Promise.all([import('~emails/index'), import('@react-email/render')]).then(
      ([templates, renderer]) => ({
        emailTemplates: templates.emailTemplates,
        render: renderer.render,
      }),
    );
    // A failed load (a broken install) is tried again by the next email, not kept forever.
    emailRenderer.catch(() => (emailRenderer = null));
  }
  return emailRenderer;
}

// html-to-text upper-cases headings by default: an English event name in a heading would be
// shouted in the text part ("TEST RACE"), and a Japanese one half shouted ("テスト大会 DBG").
// Headings keep their case; the blank lines around them still set them apart.
// No hard wrapping: it breaks only at spaces, so a Japanese sentence was cut wherever a Latin
// word happened to be ("docomo・au・SoftBank" / newline / the rest of the sentence). Mail clients
// wrap a text part's long lines themselves; the provider encodes them for transport.
const plainTextOptions = {
  wordwrap: false as const,
  selectors: (['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({
    selector,
    options: { uppercase: false },
  })),
};

/** Renders a React Email template to its HTML and plain-text parts. */
export async function renderEmail<N extends EmailTemplateName>(
  name: N,
  props: EmailProps<N>,
): Promise<RenderedEmail> {
  const { emailTemplates, render } = await loadEmailRenderer();
  const template = emailTemplates[name] as unknown as {
    Component: Parameters<typeof createElement>[0];
    subject: (p: EmailProps<N>) => string;
  };
  const element = createElement(template.Component, props as never);
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: plainTextOptions }),
  ]);
  // React 18's renderToReadableStream (which @react-email/render uses on Node) can emit a
  // stray NUL where a multi-byte character meets its internal 2 KB buffer boundary, i.e. at
  // random places in Japanese emails. PostgreSQL refuses NUL in text, so the outbox insert
  // would fail; the NUL is never part of the content (react-email's own pretty() drops it).
  return {
    subject: template.subject(props),
    html: html.replaceAll('\0', ''),
    text: text.replaceAll('\0', ''),
  };
}
