/**
 * The reconciler's HTTP endpoints and leader election with two real replicas: /healthz,
 * /readyz (informer sync, then leader or follower), /metrics (prom-client), and failover when
 * the leader is killed. The local cluster's MCO simulator rolls the nodes out.
 */
import type { KataConfig } from '../../src/shared/kataconfig';
import { Harness, KC, MCO, portsOf, sample, scrape, waitFor } from './harness';
import type { Reconciler } from './harness';

jest.setTimeout(120_000);

const NAME = 'example-kataconfig';
const LEASE = 'kata-console-plugin-reconciler';
/** The harness runs the replicas with `--lease-duration 3`; they poll every fifth of it. */
const LEASE_MS = 3000;
const SLOW = 60_000;

interface Replica {
  handle: Reconciler;
  healthPort: number;
  metricsPort: number;
}

describe('reconciler endpoints and two replicas', () => {
  let h: Harness;
  let replicas: Replica[];
  let leader: Replica;
  let follower: Replica;

  const kataConfig = (): KataConfig | null => h.get(KC, 'KataConfig', NAME);
  const metrics = async (replica: Replica): Promise<string> =>
    (await scrape(replica.metricsPort, '/metrics')).body;
  const readyz = (replica: Replica) => scrape(replica.healthPort, '/readyz');
  const leaseHolder = (): string =>
    (
      h.get('coordination.k8s.io/v1', 'Lease', LEASE, 'default')?.spec as
        { holderIdentity?: string } | undefined
    )?.holderIdentity ?? '';

  beforeAll(async () => {
    // No KataConfig CRD yet: the KataConfig informer cannot list, so nobody is ready.
    h = await Harness.start(2, 200, { crd: false });
    const handles = [h.startReconciler('replica-a'), h.startReconciler('replica-b')];
    replicas = await Promise.all(
      handles.map(async (handle) => ({ handle, ...(await portsOf(handle)) })),
    );
  });

  afterAll(() => h.stop());

  it('is healthy at once but not ready until every informer has listed', async () => {
    for (const replica of replicas) {
      expect(await scrape(replica.healthPort, '/healthz')).toMatchObject({
        status: 200,
        body: 'ok\n',
      });
      const notReady = await waitFor(
        'only the KataConfig informer unsynced',
        async () => {
          const reply = await readyz(replica);
          return reply.body === 'informers not synced: kataconfigs\n' ? reply : undefined;
        },
        SLOW,
      );
      expect(notReady.status).toBe(503);
      const text = await metrics(replica);
      expect(sample(text, 'kata_reconciler_informer_synced', { informer: 'kataconfigs' })).toBe(0);
      expect(sample(text, 'kata_reconciler_informer_synced', { informer: 'nodes' })).toBe(1);
      expect(sample(text, 'kata_reconciler_leader')).toBe(0);
      expect(await scrape(replica.healthPort, '/metrics')).toMatchObject({ status: 404 });
    }
    // Nobody leads before its caches are warm.
    expect(leaseHolder()).toBe('');
  });

  it('becomes ready once the CRD exists; exactly one replica leads', async () => {
    h.installCrd();
    const leaderHandle = await waitFor(
      'a leader',
      () => replicas.find((r) => r.handle.logs.some((l) => l.msg === 'became leader')),
      SLOW,
    );
    leader = leaderHandle;
    follower = replicas.find((r) => r !== leaderHandle)!;
    await waitFor(
      'the other replica to follow',
      () => follower.handle.logs.some((l) => l.msg === 'following'),
      SLOW,
    );
    expect(leaseHolder()).toBe(leader.handle.identity);
    expect(await readyz(leader)).toMatchObject({ status: 200, body: 'ok: leader\n' });
    expect(await readyz(follower)).toMatchObject({ status: 200, body: 'ok: follower\n' });
    const leaderText = await metrics(leader);
    const followerText = await metrics(follower);
    expect(sample(leaderText, 'kata_reconciler_leader')).toBe(1);
    expect(sample(followerText, 'kata_reconciler_leader')).toBe(0);
    expect(
      sample(followerText, 'kata_reconciler_informer_synced', { informer: 'kataconfigs' }),
    ).toBe(1);
  });

  it('serves Prometheus metrics: passes, durations, nodes per state, writes, process', async () => {
    h.create(KC, 'KataConfig', { metadata: { name: NAME }, spec: { checkNodeEligibility: false } });
    await waitFor(
      'installed on both workers',
      () =>
        kataConfig()?.status?.kataNodes?.readyNodeCount === 2 &&
        kataConfig()?.status?.conditions?.[0]?.reason === '',
      SLOW,
    );
    const reply = await scrape(leader.metricsPort, '/metrics');
    expect(reply.status).toBe(200);
    expect(reply.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = reply.body;
    // At least the pass that started the install and the one that saw it finish.
    expect(
      sample(text, 'kata_reconciler_reconcile_total', { result: 'success' }),
    ).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'kata_reconciler_reconcile_duration_seconds_count')).toBe(
      ['success', 'requeue', 'error']
        .map((result) => sample(text, 'kata_reconciler_reconcile_total', { result }) ?? NaN)
        .reduce((a, b) => a + b, 0),
    );
    expect(sample(text, 'kata_reconciler_nodes', { state: 'installed' })).toBe(2);
    expect(sample(text, 'kata_reconciler_nodes', { state: 'installing' })).toBe(0);
    expect(sample(text, 'kata_reconciler_nodes', { state: 'failedToInstall' })).toBe(0);
    for (const kind of ['conflict', 'throttled', 'server', 'client', 'transport'])
      expect(
        sample(text, 'kata_reconciler_reconcile_errors_total', { kind }),
      ).toBeGreaterThanOrEqual(0);
    expect(
      sample(text, 'kata_reconciler_api_writes_total', { verb: 'patch', resource: 'nodes' }),
    ).toBe(2);
    expect(
      sample(text, 'kata_reconciler_api_writes_total', {
        verb: 'create',
        resource: 'runtimeclasses',
      }),
    ).toBe(1);
    expect(sample(text, 'kata_reconciler_queue_depth')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'kata_reconciler_standing_down')).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    // The follower watched the same events and reconciled nothing.
    const followerText = await metrics(follower);
    expect(sample(followerText, 'kata_reconciler_reconcile_total', { result: 'success' })).toBe(0);
    expect(
      sample(followerText, 'kata_reconciler_api_writes_total', {
        verb: 'patch',
        resource: 'nodes',
      }),
    ).toBeUndefined();
  });

  it('fails over within the lease duration when the leader is killed', async () => {
    const killedAt = Date.now();
    expect(await h.stopReconciler(leader.handle, 'SIGKILL')).toBeNull();
    const tookOver = await waitFor(
      'the follower to take over',
      () => follower.handle.logs.find((l) => l.msg === 'became leader'),
      SLOW,
    );
    const failoverMs = Number(tookOver.receivedAtMs) - killedAt;
    process.stdout.write(`reconciler failover after SIGKILL (lease 3 s): ${failoverMs} ms\n`);
    // At most the lease left to run plus one polling period (and slack for a loaded machine).
    expect(failoverMs).toBeLessThan(LEASE_MS + LEASE_MS / 5 + 2000);
    const lease = h.get('coordination.k8s.io/v1', 'Lease', LEASE, 'default')?.spec as {
      holderIdentity?: string;
      leaseTransitions?: number;
    };
    expect(lease).toMatchObject({ holderIdentity: follower.handle.identity, leaseTransitions: 1 });
    expect(await readyz(follower)).toMatchObject({ status: 200, body: 'ok: leader\n' });
    expect(sample(await metrics(follower), 'kata_reconciler_leader')).toBe(1);

    // The new leader reconciles: a logLevel change, then the uninstall.
    h.patch(KC, 'KataConfig', NAME, { spec: { logLevel: 'debug' } });
    const crc = await h.crioConfig(SLOW);
    expect(crc.spec).toMatchObject({ containerRuntimeConfig: { logLevel: 'debug' } });
    h.delete(KC, 'KataConfig', NAME);
    await waitFor('KataConfig gone', () => kataConfig() === null, SLOW);
    expect(h.get(`${MCO}/v1`, 'ContainerRuntimeConfig', 'kata-crio-config')).toBeNull();
    const text = await metrics(follower);
    expect(sample(text, 'kata_reconciler_reconcile_total', { result: 'success' })).toBeGreaterThan(
      0,
    );
    expect(
      sample(text, 'kata_reconciler_api_writes_total', {
        verb: 'delete',
        resource: 'containerruntimeconfigs',
      }),
    ).toBe(1);
  });
});
