/**
 * The object store: every object of every resource, one global resourceVersion counter, and a
 * bounded log of recent changes that watches resume from. Persistence is a debounced snapshot
 * written atomically (temp file, fsync, rename), so a crash leaves either the previous or the
 * next consistent state on disk, never a torn one.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { JsonObject } from './json';
import { clone, isObject, objectAt, str } from './json';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  /** `group/plural`. */
  gr: string;
  namespace: string;
  name: string;
  object: JsonObject;
  /** The object before the change (MODIFIED and DELETED). */
  previous?: JsonObject;
  rv: number;
}

export interface StoredRecord {
  object: JsonObject;
  /** Server-side apply: the last configuration applied by each field manager. */
  applied?: Record<string, JsonObject>;
}

interface Snapshot {
  format: 'kata-local-cluster/v1';
  resourceVersion: number;
  records: { gr: string; object: JsonObject; applied?: Record<string, JsonObject> }[];
}

export const objectKey = (namespace: string, name: string): string =>
  namespace ? `${namespace}/${name}` : name;

export const namespaceOf = (obj: JsonObject): string =>
  str(objectAt(obj.metadata)?.namespace) ?? '';
export const nameOf = (obj: JsonObject): string => str(objectAt(obj.metadata)?.name) ?? '';
export const uidOf = (obj: JsonObject): string => str(objectAt(obj.metadata)?.uid) ?? '';

/** Writes `data` to `path` so that readers see the old or the new file, whatever happens. */
export const writeFileAtomic = (path: string, data: string): void => {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  try {
    const dirFd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic.
  }
};

export interface StoreOptions {
  /** Where the snapshot lives; no persistence when absent. */
  file?: string;
  /** How many recent events watches can resume from. */
  logSize?: number;
  /** Delay before a change is written to disk. */
  debounceMs?: number;
}

/** Binary search: the index of the first key greater than `key` in a sorted array. */
const indexAfter = (keys: readonly string[], key: string): number => {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((keys[mid] ?? '') <= key) low = mid + 1;
    else high = mid;
  }
  return low;
};

const insertSorted = (keys: string[], key: string): void => {
  keys.splice(indexAfter(keys, key), 0, key);
};

const removeSorted = (keys: string[], key: string): void => {
  const index = indexAfter(keys, key) - 1;
  if (keys[index] === key) keys.splice(index, 1);
};

/**
 * The records of one resource, with its keys kept sorted (overall and per namespace) so that
 * lists and pages do not sort or scan 100,000 pods every time. The sorted arrays are built on
 * the first list and then maintained by binary insertion.
 */
class Bucket {
  readonly records = new Map<string, StoredRecord>();
  private readonly namespaces = new Map<string, Set<string>>();
  private sorted: string[] | undefined;
  private readonly sortedByNamespace = new Map<string, string[]>();

  set(key: string, namespace: string, record: StoredRecord): void {
    if (!this.records.has(key)) {
      let keys = this.namespaces.get(namespace);
      if (!keys) {
        keys = new Set();
        this.namespaces.set(namespace, keys);
      }
      keys.add(key);
      if (this.sorted) insertSorted(this.sorted, key);
      const inNamespace = this.sortedByNamespace.get(namespace);
      if (inNamespace) insertSorted(inNamespace, key);
    }
    this.records.set(key, record);
  }

  delete(key: string, namespace: string): boolean {
    if (!this.records.delete(key)) return false;
    const keys = this.namespaces.get(namespace);
    keys?.delete(key);
    if (keys?.size === 0) this.namespaces.delete(namespace);
    if (this.sorted) removeSorted(this.sorted, key);
    const inNamespace = this.sortedByNamespace.get(namespace);
    if (inNamespace) removeSorted(inNamespace, key);
    if (inNamespace?.length === 0) this.sortedByNamespace.delete(namespace);
    return true;
  }

  /** The keys in order, of everything or of one namespace. Do not modify the result. */
  keys(namespace?: string): readonly string[] {
    if (namespace === undefined) {
      this.sorted ??= [...this.records.keys()].sort();
      return this.sorted;
    }
    let keys = this.sortedByNamespace.get(namespace);
    if (!keys) {
      const members = this.namespaces.get(namespace);
      if (!members) return [];
      keys = [...members].sort();
      this.sortedByNamespace.set(namespace, keys);
    }
    return keys;
  }
}

const MAX_DEBOUNCE_MS = 10_000;

export class Store {
  private rv = 0;
  private readonly data = new Map<string, Bucket>();
  private readonly log: StoreEvent[] = [];
  /** Watches from a resourceVersion older than this get 410 Gone. */
  private compactedRv = 0;
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly logSize: number;
  private readonly debounceMs: number;
  private readonly file: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  /** How long the last snapshot took to write: the next one waits at least ten times that. */
  private lastFlushMs = 0;

  constructor(options: StoreOptions = {}) {
    this.file = options.file;
    this.logSize = options.logSize ?? 5000;
    this.debounceMs = options.debounceMs ?? 50;
  }

  /** Loads the snapshot when there is one. Returns whether state was restored. */
  load(): boolean {
    if (!this.file) return false;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return false;
    }
    const parsed = JSON.parse(text) as unknown;
    if (!isObject(parsed) || parsed.format !== 'kata-local-cluster/v1') {
      throw new Error(`${this.file} is not a local-cluster state file`);
    }
    const snapshot = parsed as unknown as Snapshot;
    for (const record of snapshot.records) {
      const namespace = namespaceOf(record.object);
      this.bucket(record.gr).set(objectKey(namespace, nameOf(record.object)), namespace, {
        object: record.object,
        ...(record.applied ? { applied: record.applied } : {}),
      });
    }
    this.rv = snapshot.resourceVersion;
    this.compactedRv = this.rv;
    return true;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  get oldestResumableVersion(): number {
    return this.compactedRv;
  }

  private bucket(gr: string): Bucket {
    let bucket = this.data.get(gr);
    if (!bucket) {
      bucket = new Bucket();
      this.data.set(gr, bucket);
    }
    return bucket;
  }

  get(gr: string, namespace: string, name: string): StoredRecord | undefined {
    return this.data.get(gr)?.records.get(objectKey(namespace, name));
  }

  /** Records of a resource, optionally in one namespace, sorted by namespace/name. */
  list(gr: string, namespace?: string): StoredRecord[] {
    const bucket = this.data.get(gr);
    if (!bucket) return [];
    return bucket.keys(namespace).flatMap((key) => {
      const record = bucket.records.get(key);
      return record ? [record] : [];
    });
  }

  /**
   * The records of a resource (optionally of one namespace) in key order, starting after the
   * key `after` (`namespace/name`, or `name` for cluster-scoped objects), without copying the
   * whole list; `remaining(n)` tells how many records follow the n-th one yielded.
   */
  scan(
    gr: string,
    namespace: string | undefined,
    after: string,
  ): { records: Iterable<StoredRecord>; remainingAfter: (yielded: number) => number } {
    const bucket = this.data.get(gr);
    if (!bucket) return { records: [], remainingAfter: () => 0 };
    const keys = bucket.keys(namespace);
    const first = after === '' ? 0 : indexAfter(keys, after);
    const records = function* (): Generator<StoredRecord> {
      for (let i = first; i < keys.length; i += 1) {
        const record = bucket.records.get(keys[i] ?? '');
        if (record) yield record;
      }
    };
    return {
      records: records(),
      remainingAfter: (yielded) => Math.max(0, keys.length - first - yielded),
    };
  }

  resources(): string[] {
    return [...this.data.keys()];
  }

  /** Stores a new or changed object, stamping the next resourceVersion. */
  put(gr: string, object: JsonObject, applied?: Record<string, JsonObject>): JsonObject {
    const namespace = namespaceOf(object);
    const name = nameOf(object);
    const bucket = this.bucket(gr);
    const key = objectKey(namespace, name);
    const previous = bucket.records.get(key);
    this.rv += 1;
    const stored = clone(object);
    const metadata = objectAt(stored.metadata) ?? {};
    metadata.resourceVersion = String(this.rv);
    stored.metadata = metadata;
    const nextApplied = applied ?? previous?.applied;
    bucket.set(key, namespace, {
      object: stored,
      ...(nextApplied ? { applied: nextApplied } : {}),
    });
    this.emit({
      type: previous ? 'MODIFIED' : 'ADDED',
      gr,
      namespace,
      name,
      object: stored,
      ...(previous ? { previous: previous.object } : {}),
      rv: this.rv,
    });
    return clone(stored);
  }

  /** Removes an object for good. The DELETED event carries a new resourceVersion. */
  remove(
    gr: string,
    namespace: string,
    name: string,
    finalState?: JsonObject,
  ): JsonObject | undefined {
    const bucket = this.data.get(gr);
    const key = objectKey(namespace, name);
    const previous = bucket?.records.get(key);
    if (!bucket || !previous) return undefined;
    bucket.delete(key, namespace);
    this.rv += 1;
    const gone = clone(finalState ?? previous.object);
    const metadata = objectAt(gone.metadata) ?? {};
    metadata.resourceVersion = String(this.rv);
    gone.metadata = metadata;
    this.emit({
      type: 'DELETED',
      gr,
      namespace,
      name,
      object: gone,
      previous: previous.object,
      rv: this.rv,
    });
    return gone;
  }

  /** Events after `rv`, or undefined when some of them are no longer kept. */
  eventsSince(rv: number): StoreEvent[] | undefined {
    if (rv < this.compactedRv) return undefined;
    return this.log.filter((event) => event.rv > rv);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    this.log.push(event);
    if (this.log.length > this.logSize) {
      const dropped = this.log.splice(0, this.log.length - this.logSize);
      const last = dropped[dropped.length - 1];
      if (last) this.compactedRv = last.rv;
    }
    this.scheduleSave();
    for (const listener of [...this.listeners]) listener(event);
  }

  private scheduleSave(): void {
    if (!this.file) return;
    this.dirty = true;
    if (this.timer) return;
    // A snapshot blocks the event loop (100,000 pods take about a second to serialise), so
    // snapshots are spaced to take at most a tenth of the time, however busy the cluster is.
    const delay = Math.min(Math.max(this.debounceMs, this.lastFlushMs * 10), MAX_DEBOUNCE_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, delay);
  }

  /** Writes pending changes now (also called on shutdown). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.file || !this.dirty) return;
    this.dirty = false;
    const started = Date.now();
    const snapshot: Snapshot = {
      format: 'kata-local-cluster/v1',
      resourceVersion: this.rv,
      records: [...this.data.entries()].flatMap(([gr, bucket]) =>
        [...bucket.records.values()].map((record) => ({
          gr,
          object: record.object,
          ...(record.applied ? { applied: record.applied } : {}),
        })),
      ),
    };
    writeFileAtomic(this.file, JSON.stringify(snapshot));
    this.lastFlushMs = Date.now() - started;
  }
}

export const stateFile = (dataDir: string): string => join(dataDir, 'state.json');
