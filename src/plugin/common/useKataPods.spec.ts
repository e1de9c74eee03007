import { act, renderHook, waitFor } from '@testing-library/react';
import { consoleFetch, consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import type { Pod } from '../../shared/k8s/types';
import { useKataPods } from './useKataPods';

const mockedFetchJSON = jest.mocked(consoleFetchJSON);
const mockedFetch = jest.mocked(consoleFetch);

const pod = (namespace: string, name: string, runtimeClassName?: string, rv = '1'): Pod => ({
  metadata: { namespace, name, resourceVersion: rv, creationTimestamp: '2026-11-25T10:00:00Z' },
  spec: { ...(runtimeClassName ? { runtimeClassName } : {}), containers: [{ name: 'c' }] },
  status: { phase: 'Running' },
});

/** The SDK's HttpError carries the status as `code` and the server's text as `message`. */
const httpError = (code: number, message: string) => Object.assign(new Error(message), { code });

/** A watch response whose body yields the given chunks, then stays open until aborted. */
const watchResponse = (chunks: string[], signal?: AbortSignal | null): Response => {
  const encoder = new TextEncoder();
  const queue = [...chunks];
  return {
    body: {
      getReader: () => ({
        read: () => {
          const next = queue.shift();
          if (next !== undefined)
            return Promise.resolve({ done: false, value: encoder.encode(next) });
          return new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => {
              reject(new Error('aborted'));
            });
          });
        },
      }),
    },
  } as unknown as Response;
};

const line = (type: string, object: unknown) => `${JSON.stringify({ type, object })}\n`;

beforeEach(() => {
  jest.resetAllMocks();
});

describe('useKataPods', () => {
  it('pages through every pod, keeps the kata ones and follows a watch from the list version', async () => {
    mockedFetchJSON.mockImplementation((url: string) => {
      if (url === '/api/kubernetes/api/v1/pods?limit=500') {
        return Promise.resolve({
          items: [pod('apps', 'web', 'kata'), pod('apps', 'plain')],
          metadata: { resourceVersion: '100', continue: 'page2' },
        });
      }
      if (url === '/api/kubernetes/api/v1/pods?limit=500&continue=page2') {
        return Promise.resolve({ items: [pod('batch', 'job', 'kata')], metadata: {} });
      }
      return Promise.reject(new Error(`unexpected ${url}`));
    });
    mockedFetch.mockImplementation((_url, options) =>
      Promise.resolve(
        watchResponse(
          [
            line('ADDED', pod('apps', 'new', 'kata', '101')),
            line('DELETED', pod('apps', 'web', 'kata', '102')).slice(0, 20),
            line('DELETED', pod('apps', 'web', 'kata', '102')).slice(20),
          ],
          options?.signal,
        ),
      ),
    );

    const { result, unmount } = renderHook(() => useKataPods(['kata']));
    expect(result.current.phase).toBe('scanning');
    await waitFor(() => {
      expect(result.current.live).toBe(true);
    });
    await waitFor(() => {
      expect(result.current.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual([
        'apps/new',
        'batch/job',
      ]);
    });
    expect(result.current.phase).toBe('ready');
    expect(result.current.scope).toBe('cluster');
    expect(result.current.progress).toEqual({ scannedCount: 3, pageCount: 2, blockingCount: 2 });
    expect(mockedFetch).toHaveBeenCalledWith(
      '/api/kubernetes/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=100',
      expect.objectContaining({ signal: expect.any(AbortSignal) as AbortSignal }),
      0,
    );
    unmount();
  });

  it('lists per namespace when the cluster-wide list is forbidden, and says what it skipped', async () => {
    mockedFetchJSON.mockImplementation((url: string) => {
      if (url.startsWith('/api/kubernetes/api/v1/pods')) {
        return Promise.reject(httpError(403, 'pods is forbidden'));
      }
      if (url === '/api/kubernetes/api/v1/namespaces') {
        return Promise.reject(httpError(403, 'namespaces is forbidden'));
      }
      if (url === '/api/kubernetes/apis/project.openshift.io/v1/projects') {
        return Promise.resolve({
          items: [{ metadata: { name: 'mine' } }, { metadata: { name: 'other' } }],
        });
      }
      if (url.startsWith('/api/kubernetes/api/v1/namespaces/mine/pods')) {
        return Promise.resolve({ items: [pod('mine', 'kata-pod', 'kata')], metadata: {} });
      }
      return Promise.reject(httpError(403, 'forbidden'));
    });

    const { result } = renderHook(() => useKataPods(['kata']));
    await waitFor(() => {
      expect(result.current.phase).toBe('ready');
    });
    expect(result.current.scope).toBe('namespaces');
    expect(result.current.skippedNamespaces).toEqual(['other']);
    expect(result.current.pods.map((p) => p.name)).toEqual(['kata-pod']);
    // No cluster-wide watch without a cluster-wide list.
    expect(result.current.live).toBe(false);
    expect(mockedFetch).not.toHaveBeenCalled();
  });

  it('reports a failed scan with the server error, and rescans on request', async () => {
    mockedFetchJSON.mockRejectedValueOnce(httpError(500, 'etcdserver: request timed out'));
    const { result } = renderHook(() => useKataPods(['kata']));
    await waitFor(() => {
      expect(result.current.phase).toBe('error');
    });
    expect((result.current.error as Error).message).toBe('etcdserver: request timed out');

    mockedFetchJSON.mockResolvedValueOnce({ items: [], metadata: {} });
    act(() => {
      result.current.rescan();
    });
    await waitFor(() => {
      expect(result.current.phase).toBe('ready');
    });
    expect(result.current.pods).toEqual([]);
  });

  it('stays loaded with the previous pods while a rescan runs', async () => {
    mockedFetchJSON.mockResolvedValueOnce({ items: [pod('a', 'one', 'kata')], metadata: {} });
    const { result } = renderHook(() => useKataPods(['kata']));
    expect(result.current.loaded).toBe(false);
    await waitFor(() => {
      expect(result.current.loaded).toBe(true);
    });
    mockedFetchJSON.mockReturnValueOnce(new Promise(() => undefined));
    act(() => {
      result.current.rescan();
    });
    expect(result.current.phase).toBe('scanning');
    expect(result.current.loaded).toBe(true);
    expect(result.current.pods.map((p) => p.name)).toEqual(['one']);
  });

  it('rescans from scratch when the watch expires (410)', async () => {
    mockedFetchJSON
      .mockResolvedValueOnce({
        items: [pod('a', 'one', 'kata')],
        metadata: { resourceVersion: '5' },
      })
      .mockResolvedValueOnce({
        items: [pod('a', 'two', 'kata')],
        metadata: { resourceVersion: '9' },
      });
    mockedFetch
      .mockResolvedValueOnce(watchResponse([line('ERROR', { code: 410, message: 'too old' })]))
      .mockImplementation((_url, options) => Promise.resolve(watchResponse([], options?.signal)));
    const { result, unmount } = renderHook(() => useKataPods(['kata']));
    await waitFor(() => {
      expect(result.current.pods.map((p) => p.name)).toEqual(['two']);
    });
    expect(mockedFetchJSON).toHaveBeenCalledTimes(2);
    unmount();
  });

  it('stops live updates with the reason when the watch fails, keeping the list', async () => {
    mockedFetchJSON.mockResolvedValueOnce({
      items: [pod('a', 'one', 'kata')],
      metadata: { resourceVersion: '5' },
    });
    mockedFetch.mockRejectedValueOnce(httpError(403, 'watch is forbidden'));
    const { result } = renderHook(() => useKataPods(['kata']));
    await waitFor(() => {
      expect(result.current.watchError).toBe('watch is forbidden');
    });
    expect(result.current.live).toBe(false);
    expect(result.current.pods.map((p) => p.name)).toEqual(['one']);
  });

  it('does nothing while disabled', () => {
    renderHook(() => useKataPods(['kata'], false));
    expect(mockedFetchJSON).not.toHaveBeenCalled();
  });
});
