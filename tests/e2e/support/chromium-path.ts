/** The system Chromium that playwright-core drives (installed with `apt-get install -y chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
