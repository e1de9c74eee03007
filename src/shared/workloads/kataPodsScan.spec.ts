import type { Pod } from '../k8s/types';
import type { FetchPodPage, PodListPage } from './kataPodsScan';
import {
  applyPodWatchEvent,
  createWatchLineDecoder,
  podListPath,
  podWatchPath,
  scanBlockingPods,
} from './kataPodsScan';
import { createBlockingPodScan } from './kataPods';

const pod = (namespace: string, name: string, runtimeClassName?: string, rv = '1'): Pod => ({
  metadata: { namespace, name, resourceVersion: rv },
  spec: { ...(runtimeClassName ? { runtimeClassName } : {}), containers: [{ name: 'c' }] },
  status: { phase: 'Running' },
});

class Forbidden extends Error {
  code = 403;
}
const isForbidden = (error: unknown): boolean => error instanceof Forbidden;

/** A fake API with `pods` split into pages of `limit`, continue tokens being offsets. */
const fakeApi = (
  podsByNamespace: Record<string, Pod[]>,
  options: { clusterForbidden?: boolean; forbiddenNamespaces?: string[] } = {},
) => {
  const requested: string[] = [];
  const fetchPage: FetchPodPage = (path) => {
    requested.push(path);
    const url = new URL(path, 'https://api');
    const namespace = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(url.pathname)?.[1];
    if (namespace === undefined && options.clusterForbidden) return Promise.reject(new Forbidden());
    if (namespace !== undefined && options.forbiddenNamespaces?.includes(namespace)) {
      return Promise.reject(new Forbidden());
    }
    const all =
      namespace === undefined
        ? Object.values(podsByNamespace).flat()
        : (podsByNamespace[decodeURIComponent(namespace)] ?? []);
    const limit = Number(url.searchParams.get('limit'));
    const offset = Number(url.searchParams.get('continue') ?? 0);
    const next = offset + limit;
    const page: PodListPage = {
      items: all.slice(offset, next),
      metadata: {
        resourceVersion: `rv-${String(offset)}`,
        ...(next < all.length ? { continue: String(next) } : {}),
      },
    };
    return Promise.resolve(page);
  };
  return { fetchPage, requested };
};

describe('podListPath and podWatchPath', () => {
  it('builds cluster-wide and per-namespace paths with limit and continue', () => {
    expect(podListPath()).toBe('/api/v1/pods?limit=500');
    expect(podListPath({ namespace: 'a b', limit: 10, continueToken: 'x=1' })).toBe(
      '/api/v1/namespaces/a%20b/pods?limit=10&continue=x%3D1',
    );
    expect(podWatchPath('42')).toBe(
      '/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=42',
    );
  });
});

describe('scanBlockingPods', () => {
  const pods = {
    apps: [pod('apps', 'web', 'kata'), pod('apps', 'db'), pod('apps', 'cache', 'kata')],
    batch: [pod('batch', 'job', 'kata'), pod('batch', 'other', 'runc')],
  };

  it('pages through the cluster-wide list, keeps only kata pods and the first resourceVersion', async () => {
    const { fetchPage, requested } = fakeApi(pods);
    const progress: number[] = [];
    const result = await scanBlockingPods(['kata'], {
      fetchPage,
      isForbidden,
      listNamespaces: () => Promise.reject(new Error('not needed')),
      pageSize: 2,
      onPage: ({ scannedCount }) => progress.push(scannedCount),
    });
    expect(result.scope).toBe('cluster');
    expect(result.scan.blockingPods().map((p) => `${p.namespace}/${p.name}`)).toEqual([
      'apps/cache',
      'apps/web',
      'batch/job',
    ]);
    expect(result.pageCount).toBe(3);
    expect(progress).toEqual([2, 4, 5]);
    expect(result.resourceVersion).toBe('rv-0');
    expect(requested).toEqual([
      '/api/v1/pods?limit=2',
      '/api/v1/pods?limit=2&continue=2',
      '/api/v1/pods?limit=2&continue=4',
    ]);
  });

  it('falls back to the visible namespaces when the cluster-wide list is forbidden', async () => {
    const { fetchPage } = fakeApi(pods, { clusterForbidden: true, forbiddenNamespaces: ['batch'] });
    const result = await scanBlockingPods(['kata'], {
      fetchPage,
      isForbidden,
      listNamespaces: () => Promise.resolve(['batch', 'apps', 'empty']),
    });
    expect(result.scope).toBe('namespaces');
    expect(result.skippedNamespaces).toEqual(['batch']);
    expect(result.resourceVersion).toBeUndefined();
    expect(result.scan.blockingPods().map((p) => p.name)).toEqual(['cache', 'web']);
  });

  it('passes on errors that are not a refusal, and a refusal after the first page', async () => {
    const failing: FetchPodPage = () => Promise.reject(new Error('boom'));
    await expect(
      scanBlockingPods(['kata'], {
        fetchPage: failing,
        isForbidden,
        listNamespaces: () => Promise.resolve([]),
      }),
    ).rejects.toThrow('boom');

    let calls = 0;
    const forbiddenLater: FetchPodPage = () => {
      calls += 1;
      return calls === 1
        ? Promise.resolve({ items: [], metadata: { continue: 'next' } })
        : Promise.reject(new Forbidden());
    };
    await expect(
      scanBlockingPods(['kata'], {
        fetchPage: forbiddenLater,
        isForbidden,
        listNamespaces: () => Promise.resolve(['apps']),
      }),
    ).rejects.toBeInstanceOf(Forbidden);
  });

  it('stops between pages once cancelled', async () => {
    const { fetchPage, requested } = fakeApi(pods);
    let cancelled = false;
    const result = await scanBlockingPods(['kata'], {
      fetchPage,
      isForbidden,
      listNamespaces: () => Promise.resolve([]),
      pageSize: 1,
      isCancelled: () => cancelled,
      onPage: () => {
        cancelled = true;
      },
    });
    expect(result.cancelled).toBe(true);
    expect(requested).toHaveLength(1);
  });
});

describe('watch decoding and application', () => {
  it('splits chunks into events, across chunk boundaries, skipping junk', () => {
    const decoder = createWatchLineDecoder();
    const line = JSON.stringify({ type: 'ADDED', object: pod('a', 'p', 'kata') });
    expect(decoder.push(line.slice(0, 10))).toEqual([]);
    const events = decoder.push(`${line.slice(10)}\nnot json\n\n{"no":"type"}\n{"type":"BOOK`);
    expect(events).toEqual([{ type: 'ADDED', object: pod('a', 'p', 'kata') }]);
    expect(decoder.push('MARK","object":{}}\n')).toEqual([{ type: 'BOOKMARK', object: {} }]);
  });

  it('adds, updates and deletes blocking pods and reports where to resume', () => {
    const scan = createBlockingPodScan(['kata']);
    expect(applyPodWatchEvent(scan, { type: 'ADDED', object: pod('a', 'p', 'kata', '7') })).toEqual(
      { kind: 'applied', changed: true, resourceVersion: '7' },
    );
    expect(
      applyPodWatchEvent(scan, { type: 'ADDED', object: pod('a', 'q', undefined, '8') }),
    ).toEqual({ kind: 'applied', changed: false, resourceVersion: '8' });
    expect(
      applyPodWatchEvent(scan, {
        type: 'BOOKMARK',
        object: { metadata: { resourceVersion: '9' } },
      }),
    ).toEqual({ kind: 'applied', changed: false, resourceVersion: '9' });
    expect(
      applyPodWatchEvent(scan, { type: 'DELETED', object: pod('a', 'p', 'kata', '10') }),
    ).toEqual({ kind: 'applied', changed: true, resourceVersion: '10' });
    expect(scan.blockingPods()).toEqual([]);
  });

  it('says when the watch expired (410) and passes on other errors', () => {
    const scan = createBlockingPodScan(['kata']);
    expect(applyPodWatchEvent(scan, { type: 'ERROR', object: { code: 410 } })).toEqual({
      kind: 'expired',
    });
    expect(
      applyPodWatchEvent(scan, { type: 'ERROR', object: { code: 500, message: 'etcd down' } }),
    ).toEqual({ kind: 'error', message: 'etcd down' });
    expect(applyPodWatchEvent(scan, { type: 'ERROR' })).toEqual({
      kind: 'error',
      message: 'watch error',
    });
  });
});
