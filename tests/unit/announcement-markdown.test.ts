import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '~/modules/announcements/markdown.server';

describe('announcement Markdown', () => {
  it.each([
    ['<script>alert(1)</script>', '<script'],
    ['<img src=x onerror=alert(1)>', '<img'],
    ['[a](javascript:alert(1))', 'javascript:'],
    ['[a](JaVaScRiPt:alert(1))', 'avascript'],
    ['[a](data:text/html;base64,PHNjcmlwdD4=)', 'data:'],
    ['<a href="https://evil.example" onclick="x()">raw</a>', '<a href'],
    ['<iframe src="//evil.example"></iframe>', '<iframe'],
    ['<svg onload=alert(1)>', '<svg'],
    ['[x](//evil.example)', 'href="//'],
    ['<style>body{display:none}</style>', '<style'],
  ])('renders %s without executable HTML', (source, forbidden) => {
    const html = renderMarkdown(source);
    expect(html).not.toContain(forbidden);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
  });

  it('keeps formatting and hardens links', () => {
    const html = renderMarkdown(
      '# Title\n\n**bold** and [site](https://example.com/a?b=1&c=2)\n\n- one\n- two',
    );
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain(
      '<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">site</a>',
    );
    expect(html).toContain('<li>one</li>');
  });

  it('turns images into plain links (no remote loads from mail clients)', () => {
    expect(renderMarkdown('![map](https://example.com/map.png)')).not.toContain('<img');
  });
});
