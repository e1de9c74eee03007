import { useCallback, useEffect, useState } from 'react';
import { consoleFetch, consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import type { BlockingPod, BlockingPodScan } from '../../shared/workloads/kataPods';
import type { PodListPage, PodScanProgress } from '../../shared/workloads/kataPodsScan';
import {
  applyPodWatchEvent,
  createWatchLineDecoder,
  podWatchPath,
  scanBlockingPods,
} from '../../shared/workloads/kataPodsScan';
import { errorMessage, httpStatus } from './errorMessage';

/** Console's proxy to the Kubernetes API. */
const K8S_API_PREFIX = '/api/kubernetes';

const HTTP_FORBIDDEN = 403;

const isForbidden = (error: unknown): boolean => httpStatus(error) === HTTP_FORBIDDEN;

const fetchPage = (path: string): Promise<PodListPage> =>
  consoleFetchJSON(`${K8S_API_PREFIX}${path}`) as Promise<PodListPage>;

interface NamedList {
  items?: { metadata?: { name?: string } }[];
}

const namesOf = (list: NamedList): string[] =>
  (list.items ?? []).flatMap((item) => (item.metadata?.name ? [item.metadata.name] : []));

/**
 * The namespaces the user can see: all namespaces, or, where that is forbidden, the OpenShift
 * projects the user is a member of (the projects API filters by access).
 */
const listNamespaces = async (): Promise<string[]> => {
  try {
    return namesOf((await consoleFetchJSON(`${K8S_API_PREFIX}/api/v1/namespaces`)) as NamedList);
  } catch (error) {
    if (!isForbidden(error)) throw error;
    return namesOf(
      (await consoleFetchJSON(
        `${K8S_API_PREFIX}/apis/project.openshift.io/v1/projects`,
      )) as NamedList,
    );
  }
};

export interface KataPodsState {
  /** `scanning` while listing; a rescan keeps showing the previous pods. */
  phase: 'scanning' | 'ready' | 'error';
  /**
   * A full list of these classes' pods has come in; a rescan keeps it true, so a view that
   * shows the pods does not fall back to a spinner while the list refreshes.
   */
  loaded: boolean;
  /** The pods using the classes, by namespace then name. */
  pods: BlockingPod[];
  progress: PodScanProgress | null;
  /** `namespaces`: pods were listed per namespace and the list may be incomplete. */
  scope: 'cluster' | 'namespaces' | null;
  skippedNamespaces: string[];
  /** Why the scan failed (with the server's message). */
  error: unknown;
  /** A watch keeps the list current; false when only a rescan refreshes it. */
  live: boolean;
  /** Why live updates stopped, when they did. */
  watchError: string | null;
}

/** The state kept between renders: `loaded` is derived from which names were listed. */
interface ScanState extends Omit<KataPodsState, 'loaded'> {
  /** The `runtimeClassNames` (joined) of the last full list. */
  listedNames: string | null;
}

const INITIAL: ScanState = {
  phase: 'scanning',
  listedNames: null,
  pods: [],
  progress: null,
  scope: null,
  skippedNamespaces: [],
  error: null,
  live: false,
  watchError: null,
};

/** Why the watch stopped, in the server's words when it gave any. */
const errorText = (error: unknown): string => errorMessage(error) ?? String(error);

type Patch = (update: Partial<ScanState>) => void;

/**
 * Follows pod changes from `resourceVersion` over a chunked HTTP watch, applying each event to
 * the scan, and resumes where it stopped when the server ends the watch. Returns when the watch
 * expired (a rescan is needed) or failed; throws nothing.
 */
const followPods = async (
  scan: BlockingPodScan,
  startVersion: string,
  signal: AbortSignal,
  patch: Patch,
): Promise<'expired' | 'stopped'> => {
  let resourceVersion = startVersion;
  const decoder = new TextDecoder();
  // A function, not the property: the loop condition would narrow `aborted` to false below.
  const aborted = () => signal.aborted;
  while (!aborted()) {
    let response: Response;
    try {
      response = await consoleFetch(
        `${K8S_API_PREFIX}${podWatchPath(resourceVersion)}`,
        { signal },
        0,
      );
    } catch (error) {
      if (!aborted()) patch({ live: false, watchError: errorText(error) });
      return 'stopped';
    }
    const reader = response.body?.getReader();
    if (!reader) {
      patch({ live: false, watchError: null });
      return 'stopped';
    }
    patch({ live: true, watchError: null });
    const lines = createWatchLineDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        let changed = false;
        for (const event of lines.push(decoder.decode(value, { stream: true }))) {
          const outcome = applyPodWatchEvent(scan, event);
          if (outcome.kind === 'expired') return 'expired';
          if (outcome.kind === 'error') {
            patch({ live: false, watchError: outcome.message });
            return 'stopped';
          }
          changed ||= outcome.changed;
          if (outcome.resourceVersion) resourceVersion = outcome.resourceVersion;
        }
        // One render per chunk, not per event.
        if (changed) patch({ pods: scan.blockingPods() });
      }
    } catch (error) {
      if (!aborted()) patch({ live: false, watchError: errorText(error) });
      return 'stopped';
    }
    // The server closed the watch (its timeout): resume from the last version seen.
  }
  return 'stopped';
};

/**
 * Every pod the user may list that uses one of `runtimeClassNames`: paged through the API (only
 * the matches are kept, so memory follows the kata pods, not the cluster's pods), then kept
 * current by a pod watch from the list's resourceVersion. When listing pods cluster-wide is
 * forbidden, pods are listed per visible namespace (`scope: 'namespaces'`, no watch).
 * `rescan` lists again from scratch. Runs only while `enabled`.
 */
export const useKataPods = (
  runtimeClassNames: readonly string[],
  enabled = true,
): KataPodsState & { rescan: () => void } => {
  const [{ listedNames, ...state }, setState] = useState<ScanState>(INITIAL);
  const [generation, setGeneration] = useState(0);
  const rescan = useCallback(() => {
    setGeneration((value) => value + 1);
  }, []);
  const namesKey = runtimeClassNames.join(',');

  useEffect(() => {
    if (!enabled) return undefined;
    const abort = new AbortController();
    const patch: Patch = (update) => {
      if (!abort.signal.aborted) setState((previous) => ({ ...previous, ...update }));
    };
    patch({ phase: 'scanning', progress: null, error: null, live: false, watchError: null });
    const run = async () => {
      try {
        const result = await scanBlockingPods(namesKey.split(','), {
          fetchPage,
          isForbidden,
          listNamespaces,
          isCancelled: () => abort.signal.aborted,
          onPage: (progress) => {
            patch({ progress });
          },
        });
        if (result.cancelled) return;
        patch({
          phase: 'ready',
          listedNames: namesKey,
          pods: result.scan.blockingPods(),
          scope: result.scope,
          skippedNamespaces: result.skippedNamespaces,
        });
        if (result.scope !== 'cluster' || !result.resourceVersion) return;
        const ended = await followPods(result.scan, result.resourceVersion, abort.signal, patch);
        if (ended === 'expired' && !abort.signal.aborted) rescan();
      } catch (error) {
        patch({ phase: 'error', error, live: false });
      }
    };
    void run();
    return () => {
      abort.abort();
    };
  }, [namesKey, enabled, generation, rescan]);

  return { ...state, loaded: listedNames === namesKey, rescan };
};
