/**
 * The video module's stores now live in the storage module (decision 095); these names stay
 * so that the video code and its tests read as before.
 */
export {
  isStorageKey,
  type MediaStorage,
  type ObjectStorage,
} from '~/modules/storage/object-storage';
export { LocalDiskStorage } from '~/modules/storage/local-disk-storage.server';
export { mediaStorage } from '~/modules/storage/storages.server';
