import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Announcement bodies are Markdown written by staff and shown to every member, in the page
 * and in email. Two layers keep that safe: marked renders with raw HTML *escaped* (never
 * passed through), and sanitize-html then keeps only an allow-list of tags and attributes,
 * with http(s)/mailto links only and rel="noopener noreferrer nofollow" on every link.
 */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML in the Markdown source is shown as text, not interpreted.
    html({ text }) {
      return escapeHtml(text);
    },
    // Images would be remote fetches from every mail client (tracking); link them instead.
    image({ href, text }) {
      return `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`;
    },
  },
});

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'code',
  'pre',
  'h2',
  'h3',
  'h4',
  'hr',
  'span',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'rel', 'target'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  // Headings in a body sit under the announcement's own title (h1).
  transformTags: {
    h1: 'h2',
    // A link whose target is not http(s)/mailto keeps its text and loses the link.
    a: (tagName, attribs): sanitizeHtml.Tag =>
      SAFE_HREF.test(attribs.href ?? '')
        ? {
            tagName,
            attribs: { href: attribs.href, rel: 'noopener noreferrer nofollow', target: '_blank' },
          }
        : { tagName: 'span', attribs: {} },
  },
};

export function renderMarkdown(source: string): string {
  const html = marked.parse(source ?? '', { async: false }) as string;
  return sanitizeHtml(html, SANITIZE).trim();
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
