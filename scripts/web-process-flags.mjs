// @ts-check
/**
 * Node flags for a process that serves pages (docs/decisions/115-web-process-young-generation.md).
 *
 * A page view allocates a few hundred kilobytes that die with the response (request objects,
 * the rendered page, its data). With V8's default young generation (16 MB semi-spaces on
 * 64-bit) a busy process collects it so often that objects of requests still in flight are
 * copied and promoted to the old generation, to be collected again there. 32 MB semi-spaces
 * let most of them die young: the feed's CPU per view fell by ~15 % and its throughput
 * relative to a bare page rose from 0.61 to 0.64 in bench:web, for ~150 MB more resident
 * memory, flat over the memory rounds. 64 MB did a little better on the ratio (0.65-0.69), but
 * the process kept growing over the rounds (513 -> 619 -> 649 MB).
 *
 * An operator's own choice wins: nothing is added when the process already got a
 * --max-semi-space-size (on its command line or in NODE_OPTIONS).
 */
export const WEB_SEMI_SPACE_MB = 32;

/**
 * @param {readonly string[]} [given] flags the process is started with already
 * @param {string} [nodeOptions] NODE_OPTIONS of its environment
 * @returns {string[]}
 */
export function webProcessFlags(given = process.execArgv, nodeOptions = process.env.NODE_OPTIONS) {
  const chosen = [...given, ...(nodeOptions ?? '').split(/\s+/)].some((flag) =>
    /^--max[-_]semi[-_]space[-_]size\b/.test(flag),
  );
  return chosen ? [] : [`--max-semi-space-size=${WEB_SEMI_SPACE_MB}`];
}
