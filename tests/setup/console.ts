import { afterEach, beforeEach, vi } from 'vitest';
import { logger } from '~/utils/logger.server';

/**
 * console.error during a test is a failure unless the test expects it (STYLE). A test that
 * expects one calls `expectConsoleError()` first. An error a loader, action or render threw
 * reaches the (silenced) JSON log, not the console: those log lines count the same way.
 */
const FRAMEWORK_ERRORS = new Set(['request.error', 'render.error']);
let allowed = 0;
let unexpected: unknown[][] = [];

export function expectConsoleError(times = 1) {
  allowed += times;
}

beforeEach(() => {
  allowed = 0;
  unexpected = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (allowed > 0) {
      allowed -= 1;
      return;
    }
    unexpected.push(args);
  });
  const logError = logger.error.bind(logger);
  vi.spyOn(logger, 'error').mockImplementation((message, fields) => {
    if (FRAMEWORK_ERRORS.has(message)) {
      if (allowed > 0) allowed -= 1;
      else unexpected.push([message, JSON.stringify(fields ?? {})]);
    }
    logError(message, fields);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  vi.mocked(logger.error).mockRestore();
  if (unexpected.length > 0) {
    const first = unexpected[0].map(String).join(' ');
    throw new Error(`console.error was called ${unexpected.length} time(s) unexpectedly: ${first}`);
  }
});
