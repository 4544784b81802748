/**
 * A rough count of the bytes an object graph holds, for the memory report (`GET
 * /api/health/memory`): V8's usual sizes — an object or array header and a slot per property or
 * element, a map or set entry, a string's characters (one byte each for Latin-1, two otherwise),
 * typed arrays' buffers. Each object is counted once across the roots of one report, for the
 * first root that reaches it, so roots sharing data (the retail state behind the disruption view)
 * are not counted twice. A settled promise is followed to its value (caches hold loads in flight
 * as promises); functions and objects in `skip` (the database handle) are not followed; weak maps
 * cannot be walked at all.
 */
export interface MemoryEstimate {
  bytes: number;
  objects: number;
  /** The walk stopped at the node limit: the figure is a lower bound. */
  truncated: boolean;
}

const header = 24;
const slot = 8;
const mapEntry = 40;
/** A character outside Latin-1 makes V8 store the string two bytes a character. */
const wide = /[\u0100-\uffff]/;

export class MemoryEstimator {
  private readonly seen = new Set<unknown>();

  constructor(private readonly options: { skip?: readonly unknown[]; maxObjects?: number } = {}) {
    for (const s of options.skip ?? []) this.seen.add(s);
  }

  async estimate(root: unknown): Promise<MemoryEstimate> {
    const max = this.options.maxObjects ?? 20_000_000;
    let bytes = 0;
    let objects = 0;
    const stack: unknown[] = [root];
    const promises: Promise<unknown>[] = [];
    const pending = Symbol('pending');
    for (;;) {
      if (stack.length === 0) {
        const next = promises.pop();
        if (!next) break;
        // A settled promise answers the race first; one still pending is left alone.
        stack.push(await Promise.race([next, Promise.resolve(pending)]).catch(() => pending));
        continue;
      }
      const value = stack.pop();
      if (typeof value === 'string') {
        // Short strings are often shared (interned); count them anyway, once per reference.
        bytes += 16 + (wide.test(value) ? value.length * 2 : value.length);
        continue;
      }
      if (value === null || typeof value !== 'object') continue;
      if (this.seen.has(value)) continue;
      this.seen.add(value);
      if (++objects > max) return { bytes, objects, truncated: true };
      if (value instanceof Promise) {
        bytes += header;
        promises.push(value);
        continue;
      }
      if (value instanceof WeakMap || value instanceof WeakSet) {
        bytes += header;
        continue;
      }
      if (ArrayBuffer.isView(value)) {
        bytes += header + value.byteLength;
        continue;
      }
      if (value instanceof ArrayBuffer) {
        bytes += value.byteLength;
        continue;
      }
      if (value instanceof Map) {
        bytes += header + value.size * mapEntry;
        for (const [k, v] of value) stack.push(k, v);
        continue;
      }
      if (value instanceof Set) {
        bytes += header + value.size * (mapEntry / 2);
        for (const v of value) stack.push(v);
        continue;
      }
      if (Array.isArray(value)) {
        bytes += header + value.length * slot;
        for (const v of value) stack.push(v);
        continue;
      }
      const keys = Object.keys(value);
      bytes += header + keys.length * slot;
      for (const k of keys) stack.push((value as Record<string, unknown>)[k]);
    }
    return { bytes, objects, truncated: false };
  }
}
