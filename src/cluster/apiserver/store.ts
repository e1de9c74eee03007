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

export class Store {
  private rv = 0;
  private readonly data = new Map<string, Map<string, StoredRecord>>();
  private readonly log: StoreEvent[] = [];
  /** Watches from a resourceVersion older than this get 410 Gone. */
  private compactedRv = 0;
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly logSize: number;
  private readonly debounceMs: number;
  private readonly file: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;

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
      this.bucket(record.gr).set(objectKey(namespaceOf(record.object), nameOf(record.object)), {
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

  private bucket(gr: string): Map<string, StoredRecord> {
    let bucket = this.data.get(gr);
    if (!bucket) {
      bucket = new Map();
      this.data.set(gr, bucket);
    }
    return bucket;
  }

  get(gr: string, namespace: string, name: string): StoredRecord | undefined {
    return this.data.get(gr)?.get(objectKey(namespace, name));
  }

  /** Records of a resource, optionally in one namespace, sorted by namespace/name. */
  list(gr: string, namespace?: string): StoredRecord[] {
    const bucket = this.data.get(gr);
    if (!bucket) return [];
    const entries = [...bucket.entries()]
      .filter(([, record]) => namespace === undefined || namespaceOf(record.object) === namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.map(([, record]) => record);
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
    const previous = bucket.get(key);
    this.rv += 1;
    const stored = clone(object);
    const metadata = objectAt(stored.metadata) ?? {};
    metadata.resourceVersion = String(this.rv);
    stored.metadata = metadata;
    const nextApplied = applied ?? previous?.applied;
    bucket.set(key, { object: stored, ...(nextApplied ? { applied: nextApplied } : {}) });
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
    const previous = bucket?.get(key);
    if (!bucket || !previous) return undefined;
    bucket.delete(key);
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
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.debounceMs);
  }

  /** Writes pending changes now (also called on shutdown). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.file || !this.dirty) return;
    this.dirty = false;
    const snapshot: Snapshot = {
      format: 'kata-local-cluster/v1',
      resourceVersion: this.rv,
      records: [...this.data.entries()].flatMap(([gr, bucket]) =>
        [...bucket.values()].map((record) => ({
          gr,
          object: record.object,
          ...(record.applied ? { applied: record.applied } : {}),
        })),
      ),
    };
    writeFileAtomic(this.file, JSON.stringify(snapshot));
  }
}

export const stateFile = (dataDir: string): string => join(dataDir, 'state.json');
