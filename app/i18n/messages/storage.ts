import type { MessageTable } from '../types';

/** Stored files while the store (disk or bucket) cannot be reached (decision 095). */
export const storage = {
  'storage.saveUnavailable': {
    ja: '画像を一時的に保存できませんでした。しばらくしてから、もう一度保存してください。',
    en: 'The image could not be saved just now. Please save again in a moment.',
  },
} satisfies MessageTable;
