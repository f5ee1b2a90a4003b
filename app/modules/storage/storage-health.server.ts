import { storageBackend, storagesInUse } from './storages.server';

/**
 * Whether every configured store answers (for /readyz): a HeadBucket on S3, the folders on
 * local disk. The reason names the backend and what failed, never a credential.
 */
export async function checkStorage(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await Promise.all(storagesInUse().map((storage) => storage.check()));
    return { ok: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `${storageBackend()}: ${reason}` };
  }
}
