import type { Node } from '../shared/k8s';
import { parseFlags } from './flags';
import { decideLease, hasLostLease, microTime, releasedLease } from './leaderElection';
import { formatRecord } from './logger';
import { ReconcilerMetrics, errorKind } from './metrics';
import { labelledKataNodes, planNodeLabels } from './nodeLabels';
import {
  buildCrioConfig,
  buildKataPool,
  buildMachineConfig,
  buildRuntimeClass,
  isManagedByUs,
} from './objects';
import { WorkQueue, backoffDelay, classifyError } from './queue';
import type { Clock } from './queue';
import { canonicalStatus, pickPrimary, renderedHasKata } from './reconcile';
import { detectUpstreamOperator } from './upstream';

const KATA = 'node-role.kubernetes.io/kata-oc';
const node = (name: string, labels: Record<string, string>): Node => ({
  metadata: { name, labels },
});
const worker = (name: string, labels: Record<string, string> = {}): Node =>
  node(name, { 'node-role.kubernetes.io/worker': '', ...labels });

describe('planNodeLabels', () => {
  const nodes = [
    worker('w-b', { zone: 'b' }),
    worker('w-a', { zone: 'a', [KATA]: '' }),
    worker('w-c', { zone: 'c', 'feature.node.kubernetes.io/runtime.kata': 'true' }),
    node('m-0', { 'node-role.kubernetes.io/master': '', zone: 'a' }),
  ];

  it('selects every worker when the selector is null', () => {
    expect(planNodeLabels({ kataConfigPoolSelector: null }, nodes)).toMatchObject({
      add: ['w-b', 'w-c'],
      remove: [],
      selected: ['w-a', 'w-b', 'w-c'],
    });
  });

  it('applies matchLabels and matchExpressions, removing the label from nodes that left', () => {
    const plan = planNodeLabels(
      {
        kataConfigPoolSelector: {
          matchExpressions: [{ key: 'zone', operator: 'In', values: ['b', 'c'] }],
        },
      },
      nodes,
    );
    expect(plan).toMatchObject({ add: ['w-b', 'w-c'], remove: ['w-a'] });
    expect(
      planNodeLabels({ kataConfigPoolSelector: { matchLabels: { zone: 'c' } } }, nodes).add,
    ).toEqual(['w-c']);
  });

  it('adds the NFD label with checkNodeEligibility and reports NFD missing', () => {
    expect(planNodeLabels({ checkNodeEligibility: true }, nodes)).toMatchObject({
      add: ['w-c'],
      remove: ['w-a'],
    });
    expect(planNodeLabels({ checkNodeEligibility: true }, [worker('x')])).toMatchObject({
      nfdMissing: true,
      add: [],
    });
  });

  it('changes nothing for an invalid selector and says why', () => {
    const plan = planNodeLabels(
      {
        kataConfigPoolSelector: {
          matchExpressions: [{ key: 'zone', operator: 'Near', values: [] }],
        },
      },
      nodes,
    );
    expect(plan.add).toEqual([]);
    expect(plan.remove).toEqual([]);
    expect(plan.selectorErrors[0]?.code).toBe('operatorUnknown');
  });

  it('lists labelled nodes for uninstall', () => {
    expect(labelledKataNodes([...nodes, worker('w-0', { [KATA]: '' })])).toEqual(['w-0', 'w-a']);
  });
});

describe('object builders', () => {
  it('builds the MachineConfig as upstream, labelled as ours', () => {
    expect(buildMachineConfig('kc', false)).toEqual({
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineConfig',
      metadata: {
        name: '50-enable-sandboxed-containers-extension',
        labels: {
          'machineconfiguration.openshift.io/role': 'kata-oc',
          app: 'kc',
          'app.kubernetes.io/managed-by': 'kata-console-plugin',
        },
      },
      spec: { extensions: ['sandboxed-containers'], config: { ignition: { version: '3.2.0' } } },
    });
    expect(
      buildMachineConfig('kc', true).metadata?.labels?.['machineconfiguration.openshift.io/role'],
    ).toBe('master');
  });

  it('builds pool kata-oc', () => {
    expect(buildKataPool()).toMatchObject({
      metadata: {
        name: 'kata-oc',
        labels: { 'pools.operator.machineconfiguration.openshift.io/kata-oc': '' },
      },
      spec: {
        machineConfigSelector: {
          matchExpressions: [
            {
              key: 'machineconfiguration.openshift.io/role',
              operator: 'In',
              values: ['kata-oc', 'worker'],
            },
          ],
        },
        nodeSelector: { matchLabels: { [KATA]: '' } },
      },
    });
  });

  it('builds RuntimeClass kata owned by the KataConfig', () => {
    const rc = buildRuntimeClass({ metadata: { name: 'kc', uid: 'u1' } }, false);
    expect(rc).toMatchObject({
      metadata: { name: 'kata' },
      handler: 'kata',
      overhead: { podFixed: { cpu: '250m', memory: '350Mi' } },
      scheduling: { nodeSelector: { [KATA]: '' } },
    });
    expect(rc.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'KataConfig',
      name: 'kc',
      uid: 'u1',
      controller: true,
    });
    expect(
      buildRuntimeClass({ metadata: { name: 'kc', uid: 'u1' } }, true).scheduling?.nodeSelector,
    ).toEqual({
      'node-role.kubernetes.io/master': '',
    });
  });

  it('builds the ContainerRuntimeConfig for the kata or master pool', () => {
    expect(buildCrioConfig('debug', false).spec).toEqual({
      machineConfigPoolSelector: {
        matchLabels: { 'pools.operator.machineconfiguration.openshift.io/kata-oc': '' },
      },
      containerRuntimeConfig: { logLevel: 'debug' },
    });
    expect(buildCrioConfig('debug', true).spec?.machineConfigPoolSelector?.matchLabels).toEqual({
      'pools.operator.machineconfiguration.openshift.io/master': '',
    });
    expect(isManagedByUs(buildCrioConfig('debug', false))).toBe(true);
    expect(isManagedByUs({ metadata: { labels: {} } })).toBe(false);
  });
});

const fakeClock = (): Clock & { advance: (ms: number) => void } => {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 0;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      next += 1;
      timers.push({ at: now + ms, fn, id: next });
      return next;
    },
    clearTimeout: (id) => {
      timers = timers.filter((timer) => timer.id !== id);
    },
    advance: (ms) => {
      now += ms;
      const due = timers.filter((timer) => timer.at <= now);
      timers = timers.filter((timer) => timer.at > now);
      for (const timer of due) timer.fn();
    },
  };
};

describe('work queue', () => {
  it('backs off exponentially up to the cap and classifies errors', () => {
    expect([1, 2, 3, 10, 40].map((n) => backoffDelay(n, { baseMs: 100, maxMs: 5000 }))).toEqual([
      100, 200, 400, 5000, 5000,
    ]);
    expect([409, 429, 500, 503, undefined].map(classifyError)).toEqual([
      'backoff',
      'backoff',
      'backoff',
      'backoff',
      'backoff',
    ]);
    expect([403, 404, 422].map(classifyError)).toEqual(['slow', 'slow', 'slow']);
  });

  it('deduplicates keys and re-runs a key added while it is processed', async () => {
    const queue = new WorkQueue({ clock: fakeClock() });
    queue.add('a');
    queue.add('a');
    queue.add('b');
    expect(queue.depth()).toBe(2);
    expect(await queue.get()).toBe('a');
    queue.add('a');
    expect(await queue.get()).toBe('b');
    queue.done('a');
    expect(await queue.get()).toBe('a');
  });

  it('delays rate-limited retries and forgets after success', async () => {
    const clock = fakeClock();
    const queue = new WorkQueue({ clock, backoff: { baseMs: 100, maxMs: 1000 } });
    expect(queue.addRateLimited('k')).toBe(100);
    expect(queue.addRateLimited('k')).toBe(200);
    expect(queue.depth()).toBe(1);
    const next = queue.get();
    clock.advance(100);
    expect(await next).toBe('k');
    queue.forget('k');
    expect(queue.failureCount('k')).toBe(0);
  });

  it('limits the overall rate with a token bucket', async () => {
    const clock = fakeClock();
    const queue = new WorkQueue({ clock, perSecond: 1, burst: 1 });
    queue.add('a');
    queue.add('b');
    expect(await queue.get()).toBe('a');
    let got: string | null = null;
    void queue.get().then((key) => (got = key));
    await Promise.resolve();
    expect(got).toBeNull();
    clock.advance(1000);
    await Promise.resolve();
    expect(got).toBe('b');
    queue.shutDown();
    expect(await queue.get()).toBeNull();
  });
});

describe('upstream operator detection', () => {
  it('stands down for the operator Deployment or its CSV', () => {
    expect(detectUpstreamOperator({ deployment: null, csvs: [] })).toEqual({ present: false });
    expect(
      detectUpstreamOperator({ deployment: { metadata: { name: 'controller-manager' } }, csvs: [] })
        .present,
    ).toBe(true);
    expect(
      detectUpstreamOperator({ deployment: { spec: { replicas: 0 } }, csvs: [] }).present,
    ).toBe(false);
    expect(
      detectUpstreamOperator({
        deployment: null,
        csvs: [{ metadata: { name: 'sandboxed-containers-operator.v1.9.0' } }],
      }),
    ).toEqual({
      present: true,
      reason:
        'ClusterServiceVersion openshift-sandboxed-containers-operator/sandboxed-containers-operator.v1.9.0 exists',
    });
    expect(
      detectUpstreamOperator({
        deployment: null,
        csvs: [
          {
            metadata: { name: 'sandboxed-containers-operator.v1.8.0' },
            status: { phase: 'Replacing' },
          },
          { metadata: { name: 'other-operator.v1' } },
        ],
      }).present,
    ).toBe(false);
  });
});

describe('leader election', () => {
  const t0 = Date.parse('2025-01-01T00:00:00Z');
  it('creates a missing lease, renews its own, follows a live one and takes an expired one', () => {
    expect(
      decideLease({ current: null, identity: 'a', nowMs: t0, leaseDurationSeconds: 15 }),
    ).toMatchObject({
      action: 'create',
      spec: { holderIdentity: 'a', renewTime: '2025-01-01T00:00:00.000000Z', leaseTransitions: 0 },
    });
    const held = {
      holderIdentity: 'a',
      leaseDurationSeconds: 15,
      renewTime: microTime(t0),
      leaseTransitions: 2,
    };
    expect(
      decideLease({ current: held, identity: 'a', nowMs: t0 + 5000, leaseDurationSeconds: 15 })
        .action,
    ).toBe('renew');
    expect(
      decideLease({ current: held, identity: 'b', nowMs: t0 + 14_000, leaseDurationSeconds: 15 }),
    ).toEqual({
      action: 'follow',
      holder: 'a',
      expiresAtMs: t0 + 15_000,
    });
    expect(
      decideLease({ current: held, identity: 'b', nowMs: t0 + 16_000, leaseDurationSeconds: 15 }),
    ).toMatchObject({
      action: 'acquire',
      spec: { holderIdentity: 'b', leaseTransitions: 3 },
    });
    const released = releasedLease(held, t0);
    expect(
      decideLease({ current: released, identity: 'b', nowMs: t0, leaseDurationSeconds: 15 }).action,
    ).toBe('acquire');
    expect(hasLostLease(t0, t0 + 11_000, 10_000)).toBe(true);
    expect(hasLostLease(t0, t0 + 9_000, 10_000)).toBe(false);
  });
});

describe('flags', () => {
  it('applies defaults, environment and flags in that order', () => {
    const parsed = parseFlags(
      ['--metrics-port=9090', '--leader-election', 'off'],
      { RECONCILER_LOG_LEVEL: 'debug', KUBECONFIG: '/k' },
      'id',
    );
    expect(parsed.ok === true && parsed.config).toMatchObject({
      metricsPort: 9090,
      healthPort: 8081,
      leaderElection: false,
      logLevel: 'debug',
      kubeconfig: '/k',
      bindAddress: '127.0.0.1',
      identity: 'id',
    });
  });

  it('rejects bad flags with a clear message', () => {
    expect(parseFlags(['--nope'], {}, 'id')).toEqual({ ok: false, error: 'unknown flag --nope' });
    expect(parseFlags(['--metrics-port', '70000'], {}, 'id')).toEqual({
      ok: false,
      error: '--metrics-port must be a port number from 0 to 65535, got "70000"',
    });
    expect(parseFlags(['--leader-election', 'maybe'], {}, 'id')).toMatchObject({ ok: false });
    expect(parseFlags(['--log-level'], {}, 'id')).toEqual({
      ok: false,
      error: '--log-level needs a value',
    });
    expect(parseFlags(['--metrics-port', '9000', '--health-port', '9000'], {}, 'id')).toMatchObject(
      { ok: false },
    );
  });
});

describe('logs and metrics', () => {
  it('never writes tokens', () => {
    const line = formatRecord(
      'info',
      'sent Authorization: Bearer abc.def',
      { token: 'x', nested: { password: 'p' }, node: 'n' },
      'T',
    );
    expect(JSON.parse(line)).toEqual({
      time: 'T',
      level: 'info',
      msg: 'sent Authorization: Bearer [REDACTED]',
      token: '[REDACTED]',
      nested: { password: '[REDACTED]' },
      node: 'n',
    });
  });

  it('renders the Prometheus text format through prom-client, every label value from the start', async () => {
    const metrics = new ReconcilerMetrics();
    metrics.recordPass('success', 0.02);
    metrics.recordPass('error', 0.3, 409);
    metrics.recordPass('error', 0.1, undefined);
    metrics.leader.set(1);
    metrics.nodes.set({ state: 'installed' }, 3);
    const text = await metrics.render();
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toContain(
      '# TYPE kata_reconciler_reconcile_total counter\nkata_reconciler_reconcile_total{result="success"} 1\nkata_reconciler_reconcile_total{result="requeue"} 0\nkata_reconciler_reconcile_total{result="error"} 2',
    );
    expect(text).toContain('kata_reconciler_reconcile_errors_total{kind="conflict"} 1');
    expect(text).toContain('kata_reconciler_reconcile_errors_total{kind="transport"} 1');
    expect(text).toContain('kata_reconciler_reconcile_errors_total{kind="server"} 0');
    expect(text).toContain('kata_reconciler_leader 1');
    expect(text).toContain('kata_reconciler_reconcile_duration_seconds_bucket{le="0.05"} 1');
    expect(text).toContain('kata_reconciler_reconcile_duration_seconds_count 3');
    expect(text).toContain('kata_reconciler_nodes{state="installed"} 3');
    expect(text).toContain('kata_reconciler_nodes{state="failedToUninstall"} 0');
    // Process metrics only when asked for (the process does; tests need no GC observers).
    expect(text).not.toContain('process_resident_memory_bytes');
    expect(await new ReconcilerMetrics({ processMetrics: true }).render()).toContain(
      'process_resident_memory_bytes',
    );
  });

  it('classifies failed passes by kind', () => {
    expect([undefined, 409, 429, 500, 503, 403, 422].map(errorKind)).toEqual([
      'transport',
      'conflict',
      'throttled',
      'server',
      'server',
      'client',
      'client',
    ]);
  });
});

describe('reconcile helpers', () => {
  it('picks the KataConfig carrying the finalizer, else the oldest', () => {
    const a = { metadata: { name: 'a', creationTimestamp: '2025-01-02T00:00:00Z' } };
    const b = { metadata: { name: 'b', creationTimestamp: '2025-01-01T00:00:00Z' } };
    expect(pickPrimary([a, b])?.metadata?.name).toBe('b');
    const managed = {
      metadata: { ...a.metadata, finalizers: ['kataconfiguration.openshift.io/finalizer'] },
    };
    expect(pickPrimary([managed, b])?.metadata?.name).toBe('a');
  });

  it('compares statuses as clients see them', () => {
    expect(canonicalStatus({})).toBe(
      canonicalStatus({
        runtimeClasses: [],
        kataNodes: { nodeCount: 0, readyNodeCount: 0 },
        waitingForMcoToStart: false,
      }),
    );
    expect(canonicalStatus({ waitingForMcoToStart: true })).not.toBe(canonicalStatus({}));
  });

  it('reads kata from a rendered config', () => {
    expect(renderedHasKata({ spec: { extensions: ['kata-containers'] } })).toBe(true);
    expect(renderedHasKata({ spec: {} })).toBe(false);
    expect(renderedHasKata(null)).toBeNull();
  });
});
