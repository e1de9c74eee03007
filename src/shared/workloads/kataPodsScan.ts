/**
 * The blocking-pod scan over the API: page through the pod list (`limit` + `continue`), keep
 * only the kata pods (createBlockingPodScan), then keep the result fresh from a pod watch that
 * starts at the list's resourceVersion. The fetching is passed in, so the plugin runs this over
 * consoleFetchJSON and the benchmark over plain HTTPS with the same code.
 *
 * Memory follows the page size plus the number of kata pods: each page is dropped once scanned.
 */
import type { Pod } from '../k8s/types';
import type { BlockingPodScan } from './kataPods';
import { createBlockingPodScan } from './kataPods';

/** Pods per list request: large enough for few round trips, small enough to parse quickly. */
export const POD_SCAN_PAGE_SIZE = 500;

export interface PodListPathOptions {
  /** One namespace, or every namespace when undefined. */
  namespace?: string;
  limit?: number;
  continueToken?: string;
}

const podsBase = (namespace: string | undefined): string =>
  namespace === undefined
    ? '/api/v1/pods'
    : `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;

/** The API path of one page of a pod list (relative to the API root). */
export const podListPath = ({
  namespace,
  limit = POD_SCAN_PAGE_SIZE,
  continueToken,
}: PodListPathOptions = {}): string => {
  const query = new URLSearchParams({ limit: String(limit) });
  if (continueToken) query.set('continue', continueToken);
  return `${podsBase(namespace)}?${query.toString()}`;
};

/** A pod watch from `resourceVersion`, with bookmarks so a quiet watch still advances it. */
export const podWatchPath = (resourceVersion: string, namespace?: string): string => {
  const query = new URLSearchParams({
    watch: 'true',
    allowWatchBookmarks: 'true',
    resourceVersion,
  });
  return `${podsBase(namespace)}?${query.toString()}`;
};

/** The parts of a PodList page the scan reads. */
export interface PodListPage {
  items?: readonly (Pod | null | undefined)[] | null;
  metadata?: { continue?: string; resourceVersion?: string } | null;
}

/** Fetches one page; `path` is from podListPath. */
export type FetchPodPage = (path: string) => Promise<PodListPage>;

export interface PodScanProgress {
  scannedCount: number;
  pageCount: number;
  blockingCount: number;
}

export interface PodScanOptions {
  pageSize?: number;
  /** Checked between pages; a cancelled scan stops without fetching more. */
  isCancelled?: () => boolean;
  onPage?: (progress: PodScanProgress) => void;
}

interface PagedListResult {
  /** The resourceVersion of the list's first page: a watch from it misses nothing. */
  resourceVersion?: string;
  pageCount: number;
  cancelled: boolean;
}

/** Feeds every page of one pod list into `scan`. */
const scanPodPages = async (
  fetchPage: FetchPodPage,
  scan: BlockingPodScan,
  namespace: string | undefined,
  { pageSize, isCancelled, onPage }: PodScanOptions,
  counters: { pageCount: number },
): Promise<PagedListResult> => {
  let continueToken: string | undefined;
  let resourceVersion: string | undefined;
  let pageCount = 0;
  do {
    if (isCancelled?.()) return { pageCount, cancelled: true };
    const page = await fetchPage(
      podListPath({
        ...(namespace === undefined ? {} : { namespace }),
        ...(pageSize === undefined ? {} : { limit: pageSize }),
        ...(continueToken ? { continueToken } : {}),
      }),
    );
    scan.add(page.items);
    pageCount += 1;
    counters.pageCount += 1;
    // Every page of a paged list is served from the first page's snapshot.
    resourceVersion ??= page.metadata?.resourceVersion;
    const next = page.metadata?.continue;
    continueToken = next !== undefined && next !== '' ? next : undefined;
    onPage?.({
      scannedCount: scan.scannedCount(),
      pageCount: counters.pageCount,
      blockingCount: scan.blockingPods().length,
    });
  } while (continueToken);
  return { ...(resourceVersion ? { resourceVersion } : {}), pageCount, cancelled: false };
};

export interface BlockingPodScanSources extends PodScanOptions {
  fetchPage: FetchPodPage;
  /** Whether an error means "not allowed" (HTTP 403), so a narrower scan may still work. */
  isForbidden: (error: unknown) => boolean;
  /** The namespaces the user can see, for when listing pods cluster-wide is forbidden. */
  listNamespaces: () => Promise<readonly string[]>;
}

export interface BlockingPodScanResult {
  scan: BlockingPodScan;
  /** `cluster`: one cluster-wide list; `namespaces`: per namespace, possibly incomplete. */
  scope: 'cluster' | 'namespaces';
  /** Set for a cluster-wide scan: where a watch should start. */
  resourceVersion?: string;
  /** Namespaces whose pods the user may not list (their pods are unknown). */
  skippedNamespaces: string[];
  pageCount: number;
  cancelled: boolean;
}

/**
 * Scans every pod the user may list for ones using `runtimeClassNames`. Tries the cluster-wide
 * list first; when that is forbidden, lists pods per visible namespace and records the
 * namespaces that are forbidden too.
 */
export const scanBlockingPods = async (
  runtimeClassNames: readonly string[],
  sources: BlockingPodScanSources,
): Promise<BlockingPodScanResult> => {
  const { fetchPage, isForbidden, listNamespaces, ...options } = sources;
  const scan = createBlockingPodScan(runtimeClassNames);
  const counters = { pageCount: 0 };
  try {
    const listed = await scanPodPages(fetchPage, scan, undefined, options, counters);
    return {
      scan,
      scope: 'cluster',
      ...(listed.resourceVersion ? { resourceVersion: listed.resourceVersion } : {}),
      skippedNamespaces: [],
      pageCount: counters.pageCount,
      cancelled: listed.cancelled,
    };
  } catch (error) {
    // Only a refusal of the very first page means "no cluster-wide access".
    if (!isForbidden(error) || counters.pageCount > 0) throw error;
  }
  const skippedNamespaces: string[] = [];
  const namespaces = [...(await listNamespaces())].sort((a, b) => a.localeCompare(b));
  for (const namespace of namespaces) {
    try {
      const listed = await scanPodPages(fetchPage, scan, namespace, options, counters);
      if (listed.cancelled) {
        return {
          scan,
          scope: 'namespaces',
          skippedNamespaces,
          pageCount: counters.pageCount,
          cancelled: true,
        };
      }
    } catch (error) {
      if (!isForbidden(error)) throw error;
      skippedNamespaces.push(namespace);
    }
  }
  return {
    scan,
    scope: 'namespaces',
    skippedNamespaces,
    pageCount: counters.pageCount,
    cancelled: false,
  };
};

// ---------------------------------------------------------------------------------------------
// Watch
// ---------------------------------------------------------------------------------------------

/** One line of a chunked HTTP watch: `{"type": "ADDED", "object": {...}}`. */
export interface PodWatchEvent {
  type: string;
  object?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Splits a chunked watch stream into events. Chunks may end mid-line; the rest waits for the
 * next chunk. Lines that are not a JSON event are skipped.
 */
export const createWatchLineDecoder = (): { push: (chunk: string) => PodWatchEvent[] } => {
  let buffered = '';
  return {
    push: (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      const events: PodWatchEvent[] = [];
      for (const line of lines) {
        if (line.trim() === '') continue;
        try {
          const parsed: unknown = JSON.parse(line);
          if (isRecord(parsed) && typeof parsed.type === 'string') {
            events.push({ type: parsed.type, object: parsed.object });
          }
        } catch {
          // A broken line cannot be applied; the next rescan corrects any gap.
        }
      }
      return events;
    },
  };
};

export type PodWatchOutcome =
  /** `changed`: the blocking set changed. `resourceVersion`: where to resume the watch. */
  | { kind: 'applied'; changed: boolean; resourceVersion?: string }
  /** 410 Gone: the watch fell too far behind; only a fresh list is correct again. */
  | { kind: 'expired' }
  | { kind: 'error'; message: string };

const HTTP_GONE = 410;

/** Applies one watch event to the scan. */
export const applyPodWatchEvent = (
  scan: BlockingPodScan,
  event: PodWatchEvent,
): PodWatchOutcome => {
  const object = isRecord(event.object) ? event.object : {};
  if (event.type === 'ERROR') {
    if (object.code === HTTP_GONE) return { kind: 'expired' };
    return {
      kind: 'error',
      message: typeof object.message === 'string' ? object.message : 'watch error',
    };
  }
  const pod = object as Pod;
  const resourceVersion = pod.metadata?.resourceVersion;
  const resume = typeof resourceVersion === 'string' && resourceVersion ? { resourceVersion } : {};
  let changed = false;
  if (event.type === 'ADDED' || event.type === 'MODIFIED') {
    changed = scan.update(pod);
  } else if (event.type === 'DELETED') {
    const name = pod.metadata?.name;
    changed =
      typeof name === 'string' && scan.remove({ namespace: pod.metadata?.namespace ?? '', name });
  }
  return { kind: 'applied', changed, ...resume };
};
