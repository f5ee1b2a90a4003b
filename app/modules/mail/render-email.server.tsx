import { render } from '@react-email/render';
import { createElement } from 'react';
import { emailTemplates, type EmailProps, type EmailTemplateName } from '~emails/index';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Renders a React Email template to its HTML and plain-text parts. */
export async function renderEmail<N extends EmailTemplateName>(
  name: N,
  props: EmailProps<N>,
): Promise<RenderedEmail> {
  const template = emailTemplates[name] as unknown as {
    Component: Parameters<typeof createElement>[0];
    subject: (p: EmailProps<N>) => string;
  };
  const element = createElement(template.Component, props as never);
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: { wordwrap: 100 } }),
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
