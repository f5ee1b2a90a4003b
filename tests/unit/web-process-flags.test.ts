/**
 * The Node flags a page-serving process is started with (decision 115): npm start,
 * server-cluster.mjs's web processes and bench:web all take them from here.
 */
import { describe, expect, it } from 'vitest';
import { webProcessFlags } from '../../scripts/web-process-flags.mjs';

describe('web process flags', () => {
  it('gives a page-serving process 32 MB semi-spaces', () => {
    expect(webProcessFlags([], undefined)).toEqual(['--max-semi-space-size=32']);
    expect(webProcessFlags(['--enable-source-maps'], '--max-old-space-size=512')).toEqual([
      '--max-semi-space-size=32',
    ]);
  });

  it('adds nothing when the operator chose a young generation, on the command line or in NODE_OPTIONS', () => {
    expect(webProcessFlags(['--max-semi-space-size=16'], undefined)).toEqual([]);
    expect(webProcessFlags([], '--enable-source-maps --max-semi-space-size=8')).toEqual([]);
    expect(webProcessFlags(['--max_semi_space_size=32'], '')).toEqual([]);
  });
});
