/**
 * An object that stands for whatever `current()` returns at each use (decision 103): modules
 * import a handle at load time (`db`, `mediaStorage`) while the thing itself exists only once
 * start-up (or the first use) has made it, and a replaced one is seen by every holder.
 *
 * Everything is forwarded, reads and writes alike: methods run with the handle as `this` and read
 * their fields through it (so classes with `#private` fields cannot be forwarded), `instanceof`
 * sees the real prototype, and a property set or redefined through the handle (a test's
 * `vi.spyOn(handle, 'method')`) lands on the real object, where every caller sees it.
 */
export function forwardTo<T extends object>(current: () => T): T {
  // Writes when there is nothing to forward to (vitest restoring a spy after the file's
  // afterAll closed the database) land on the inert target instead of throwing; reads throw.
  const writable = (target: T): T => {
    try {
      return current();
    } catch {
      return target;
    }
  };
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(current(), key),
    set: (target, key, value) => Reflect.set(writable(target), key, value),
    has: (_target, key) => Reflect.has(current(), key),
    defineProperty: (target, key, descriptor) =>
      Reflect.defineProperty(writable(target), key, descriptor),
    deleteProperty: (target, key) => Reflect.deleteProperty(writable(target), key),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(current(), key);
      // A proxy may not report a property its (empty) target lacks as non-configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    ownKeys: () => Reflect.ownKeys(current()),
    getPrototypeOf: () => Object.getPrototypeOf(current()) as object | null,
  });
}
