/**
 * The retention job is registered with the server's queues (the list in
 * app/modules/app/start-app.server.ts, which the test setup starts as the server does) and
 * scheduled daily in the database. This file imports nothing else, so a queue left out of that
 * list fails here.
 */
import { describe, expect, it } from 'vitest';
import { database } from '~/modules/database/database.server';
import { registerSchedules } from '~/modules/jobs/queue.server';

describe('the retention job', () => {
  it('is scheduled daily in the database, so one run happens however many workers there are', async () => {
    await registerSchedules();
    const rows = await database.executeSql(
      `SELECT name, cron, timezone FROM pgboss.schedule WHERE name = 'maintenance.retention'`,
    );
    expect(rows.rows).toEqual([
      { name: 'maintenance.retention', cron: '45 3 * * *', timezone: 'Asia/Tokyo' },
    ]);
  });
});
