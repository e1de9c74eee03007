/**
 * The stand-down path of a reconcile pass against fakes: while the upstream operator is present
 * the only write is the annotation on the KataConfig (never its status, finalizers or any other
 * object), and the annotation goes once the operator is gone.
 */
import type { KataConfig } from '../shared/kataconfig';
import type { Logger } from './logger';
import { ReconcilerMetrics } from './metrics';
import { Reconciler, STAND_DOWN_ANNOTATION } from './reconcile';
import type { EventType } from './reconcile';
import type { KubeApi } from './rest';
import type { UpstreamVerdict } from './upstream';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

interface Call {
  verb: string;
  path: string;
  body?: unknown;
}

const setup = (kataConfigs: KataConfig[]) => {
  const calls: Call[] = [];
  const events: { name: string; type: EventType; reason: string }[] = [];
  let verdict: UpstreamVerdict = {
    present: true,
    reason: 'Deployment openshift-sandboxed-containers-operator/controller-manager exists',
  };
  const byName = new Map(kataConfigs.map((kc) => [kc.metadata?.name ?? '', kc]));
  const api: KubeApi = {
    get: (path: string) => {
      calls.push({ verb: 'get', path });
      return Promise.resolve(null);
    },
    list: (path: string) => {
      calls.push({ verb: 'list', path });
      return Promise.resolve({ items: [] });
    },
    create: <T>(path: string, body: unknown) => {
      calls.push({ verb: 'create', path, body });
      return Promise.resolve(body as T);
    },
    replace: <T>(path: string, body: unknown) => {
      calls.push({ verb: 'replace', path, body });
      return Promise.resolve(body as T);
    },
    mergePatch: <T>(path: string, body: unknown) => {
      calls.push({ verb: 'patch', path, body });
      const name = path.split('/').pop() ?? '';
      const kc = byName.get(name);
      const annotations = (body as { metadata?: { annotations?: Record<string, string | null> } })
        .metadata?.annotations;
      if (kc && annotations) {
        const merged = Object.fromEntries(
          Object.entries({ ...kc.metadata?.annotations, ...annotations }).filter(
            (entry): entry is [string, string] => entry[1] !== null,
          ),
        );
        const next = { ...kc, metadata: { ...kc.metadata, annotations: merged } };
        byName.set(name, next);
        return Promise.resolve(next as T);
      }
      return Promise.resolve((kc ?? {}) as T);
    },
    remove: (path: string) => {
      calls.push({ verb: 'delete', path });
      return Promise.resolve(true);
    },
  };
  const reconciler = new Reconciler({
    api,
    cache: {
      kataConfigs: () => [...byName.values()],
      nodes: () => [],
      pools: () => [],
    },
    events: {
      emit: (kc, type, reason) => {
        events.push({ name: kc.metadata?.name ?? '', type, reason });
        return Promise.resolve();
      },
    },
    log: silent,
    metrics: new ReconcilerMetrics(),
    upstream: () => Promise.resolve(verdict),
  });
  return {
    calls,
    events,
    reconciler,
    kataConfig: (name: string) => byName.get(name),
    operatorGone: () => {
      verdict = { present: false };
    },
  };
};

describe('standing down for the upstream operator', () => {
  const kc = (name: string, creationTimestamp: string): KataConfig => ({
    metadata: { name, creationTimestamp, resourceVersion: '1' },
    spec: { checkNodeEligibility: false },
  });

  it('annotates the KataConfig once, writes nothing else, and removes it when the operator goes', async () => {
    const t = setup([kc('example', '2025-01-01T00:00:00Z')]);
    expect(await t.reconciler.reconcile('example')).toEqual({ requeueAfterMs: 30_000 });
    expect(t.calls).toEqual([
      {
        verb: 'patch',
        path: '/apis/kataconfiguration.openshift.io/v1/kataconfigs/example',
        body: {
          metadata: {
            annotations: {
              [STAND_DOWN_ANNOTATION]:
                'standing down: Deployment openshift-sandboxed-containers-operator/controller-manager exists',
            },
          },
        },
      },
    ]);
    expect(t.events).toEqual([
      { name: 'example', type: 'Warning', reason: 'UpstreamOperatorPresent' },
    ]);

    // Set once: a second pass writes nothing.
    await t.reconciler.reconcile('example');
    expect(t.calls).toHaveLength(1);
    expect(t.kataConfig('example')?.metadata?.finalizers).toBeUndefined();
    expect(t.kataConfig('example')?.status).toBeUndefined();

    t.operatorGone();
    t.calls.length = 0;
    await t.reconciler.reconcile('example');
    expect(t.calls[0]).toEqual({
      verb: 'patch',
      path: '/apis/kataconfiguration.openshift.io/v1/kataconfigs/example',
      body: { metadata: { annotations: { [STAND_DOWN_ANNOTATION]: null } } },
    });
    expect(t.kataConfig('example')?.metadata?.annotations).toEqual({});
  });

  it('writes no Ignored status on a second KataConfig while standing down', async () => {
    const t = setup([kc('first', '2025-01-01T00:00:00Z'), kc('second', '2025-01-02T00:00:00Z')]);
    await t.reconciler.reconcile('second');
    expect(t.calls.map((c) => c.verb)).toEqual(['patch']);
    expect(t.calls.some((c) => c.path.endsWith('/status'))).toBe(false);
    expect(t.kataConfig('second')?.metadata?.annotations?.[STAND_DOWN_ANNOTATION]).toMatch(
      /^standing down: /,
    );
  });
});
