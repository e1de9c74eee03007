/**
 * The bundled reconciler's entry point: `npm run reconciler -- --kubeconfig FILE`.
 * Wires client-node informers, the work queue, leader election, the HTTP endpoints and signals
 * around the `Reconciler` pass.
 */
import { hostname } from 'node:os';
import * as k8s from '@kubernetes/client-node';
import { RELEVANT_POOL_NAMES } from '../shared/kataconfig';
import type { KataConfig } from '../shared/kataconfig';
import type { Node } from '../shared/k8s';
import { NodeAnnotation } from '../shared/mco';
import type { MachineConfigPool } from '../shared/mco';
import { USAGE, parseFlags } from './flags';
import type { ReconcilerConfig } from './flags';
import { createLogger } from './logger';
import type { Logger } from './logger';
import { ReconcilerMetrics } from './metrics';
import { backoffDelay, classifyError, WorkQueue } from './queue';
import { Reconciler } from './reconcile';
import { PATHS, RestClient, statusOf } from './rest';
import { ApiEventSink, LeaderElector, createUpstreamCheck, startHttpServer } from './runtime';

type Informer = k8s.Informer<k8s.KubernetesObject> & k8s.ObjectCache<k8s.KubernetesObject>;

const seconds = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;

const nodeFingerprint = (node: Node): string =>
  JSON.stringify([
    node.metadata?.labels ?? {},
    node.metadata?.annotations?.[NodeAnnotation.state] ?? '',
    node.metadata?.annotations?.[NodeAnnotation.currentConfig] ?? '',
    node.metadata?.annotations?.[NodeAnnotation.reason] ?? '',
  ]);

const run = async (config: ReconcilerConfig, log: Logger): Promise<void> => {
  const kc = new k8s.KubeConfig();
  if (config.kubeconfig) kc.loadFromFile(config.kubeconfig);
  else kc.loadFromCluster();
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const api = new RestClient(cluster.server, (options) => kc.applyToHTTPSOptions(options));
  const metrics = new ReconcilerMetrics({ processMetrics: true });
  const queue = new WorkQueue();

  const informers: { label: string; informer: Informer }[] = [];
  /**
   * Informers whose last list succeeded and whose watch has not failed since: what /readyz and
   * the start of leader election wait for. client-node's `start()` resolves even when the list
   * failed (it reports the failure through `error`), so the list function itself records success.
   */
  const synced = new Set<string>();
  let markAllSynced = (): void => undefined;
  const allSynced = new Promise<void>((resolve) => {
    markAllSynced = resolve;
  });
  const setSynced = (label: string, value: boolean): void => {
    if (value) synced.add(label);
    else synced.delete(label);
    metrics.informersSynced.set({ informer: label }, value ? 1 : 0);
    if (synced.size === informers.length) markAllSynced();
  };
  const makeInformer = (label: string, path: string): Informer => {
    let failures = 0;
    const informer = k8s.makeInformer<k8s.KubernetesObject>(kc, path, async () => {
      const list = await api.list<k8s.KubernetesObject>(path);
      failures = 0;
      setSynced(label, true);
      return list;
    });
    informer.on('error', (error: unknown) => {
      // stop() aborts the watch, which reports as an error.
      if (stopping) return;
      failures += 1;
      setSynced(label, false);
      const delay = backoffDelay(failures, { baseMs: 500, maxMs: 30_000 });
      log.warn('watch failed; restarting', {
        informer: label,
        status: statusOf(error),
        delayMs: delay,
        error,
      });
      setTimeout(() => {
        if (!stopping) void informer.start().catch(() => undefined);
      }, delay);
    });
    informers.push({ label, informer });
    setSynced(label, false);
    return informer;
  };

  const kataConfigs = makeInformer('kataconfigs', PATHS.kataConfigs);
  const pools = makeInformer('machineconfigpools', PATHS.machineConfigPools);
  const nodes = makeInformer('nodes', PATHS.nodes);
  const cache = {
    kataConfigs: () => kataConfigs.list() as unknown as readonly KataConfig[],
    nodes: () => nodes.list() as unknown as readonly Node[],
    pools: () => pools.list() as unknown as readonly MachineConfigPool[],
  };
  const enqueueAll = (): void => {
    for (const kataConfig of cache.kataConfigs()) queue.add(kataConfig.metadata?.name ?? '');
    metrics.queueDepth.set(queue.depth());
  };
  for (const verb of ['add', 'update', 'delete'] as const) kataConfigs.on(verb, enqueueAll);
  for (const verb of ['add', 'update', 'delete'] as const) {
    pools.on(verb, (pool) => {
      if ((RELEVANT_POOL_NAMES as readonly string[]).includes(pool.metadata?.name ?? ''))
        enqueueAll();
    });
  }
  const fingerprints = new Map<string, string>();
  nodes.on('add', (node) => {
    fingerprints.set(node.metadata?.name ?? '', nodeFingerprint(node as Node));
    enqueueAll();
  });
  nodes.on('update', (node) => {
    const name = node.metadata?.name ?? '';
    const print = nodeFingerprint(node as Node);
    if (fingerprints.get(name) === print) return;
    fingerprints.set(name, print);
    enqueueAll();
  });
  nodes.on('delete', (node) => {
    fingerprints.delete(node.metadata?.name ?? '');
    enqueueAll();
  });

  const events = new ApiEventSink(api, config.identity);
  const reconciler = new Reconciler({
    api,
    cache,
    events,
    log,
    metrics,
    upstream: createUpstreamCheck(api),
  });

  let stopping = false;
  let leading = !config.leaderElection;
  const elector = config.leaderElection
    ? new LeaderElector({
        api,
        namespace: config.namespace,
        name: config.leaseName,
        identity: config.identity,
        leaseDurationSeconds: config.leaseDurationSeconds,
        log,
        metrics,
        onStartedLeading: () => {
          leading = true;
          enqueueAll();
        },
        onStoppedLeading: () => {
          leading = false;
          void shutdown(1, 'lost leadership');
        },
      })
    : null;
  if (!elector) metrics.leader.set(1);

  const health = await startHttpServer(config.bindAddress, config.healthPort, {
    '/healthz': () => ({ status: 200, body: 'ok\n' }),
    // Leadership does not gate readiness: a follower with warm caches is ready to take over, and
    // a rolling update of two replicas would otherwise never see its new pod become Ready.
    '/readyz': () => {
      if (stopping) return { status: 503, body: 'shutting down\n' };
      const missing = informers.filter(({ label }) => !synced.has(label)).map(({ label }) => label);
      if (missing.length > 0)
        return { status: 503, body: `informers not synced: ${missing.join(', ')}\n` };
      return { status: 200, body: `ok: ${leading ? 'leader' : 'follower'}\n` };
    },
  });
  const metricsServer = await startHttpServer(config.bindAddress, config.metricsPort, {
    '/metrics': async () => {
      metrics.queueDepth.set(queue.depth());
      return { status: 200, body: await metrics.render(), type: metrics.contentType };
    },
  });
  log.info('listening', {
    bindAddress: config.bindAddress,
    healthPort: health.port,
    metricsPort: metricsServer.port,
    identity: config.identity,
    leaderElection: config.leaderElection,
  });

  const worker = (async () => {
    for (;;) {
      const key = await queue.get();
      if (key === null) return;
      metrics.queueDepth.set(queue.depth());
      if (!leading || key === '') {
        queue.done(key);
        continue;
      }
      if (synced.size !== informers.length) {
        // A watch failed and is relisting: decide nothing on a cache that may be stale.
        queue.done(key);
        queue.addAfter(key, 1000);
        continue;
      }
      const started = process.hrtime.bigint();
      try {
        const result = await reconciler.reconcile(key);
        queue.forget(key);
        metrics.recordPass(result.requeueAfterMs ? 'requeue' : 'success', seconds(started));
        if (result.requeueAfterMs) queue.addAfter(key, result.requeueAfterMs);
      } catch (error) {
        const status = statusOf(error);
        metrics.recordPass('error', seconds(started), status);
        const delay = classifyError(status) === 'backoff' ? queue.addRateLimited(key) : 15_000;
        if (classifyError(status) !== 'backoff') queue.addAfter(key, delay);
        log[status === 409 ? 'debug' : 'warn']('reconcile failed; retrying', {
          kataConfig: key,
          status,
          delayMs: delay,
          error,
        });
      } finally {
        queue.done(key);
      }
    }
  })();

  const resync = setInterval(enqueueAll, config.resyncSeconds * 1000);

  const shutdown = async (code: number, why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { why });
    clearInterval(resync);
    queue.shutDown();
    await Promise.race([worker, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    await Promise.all(informers.map(({ informer }) => informer.stop().catch(() => undefined)));
    await elector?.stop();
    health.server.close();
    metricsServer.server.close();
    log.info('stopped', { code });
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown(0, 'SIGTERM'));
  process.on('SIGINT', () => void shutdown(0, 'SIGINT'));

  // A failed list or watch goes to the informer's `error` handler, which restarts it with backoff.
  for (const { informer } of informers) void informer.start().catch(() => undefined);
  await allSynced;
  log.info('caches synced');
  elector?.start();
  enqueueAll();
};

const main = (): void => {
  const parsed = parseFlags(process.argv.slice(2), process.env, `${hostname()}-${process.pid}`);
  if (parsed.ok === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!parsed.ok) {
    process.stderr.write(`reconciler: ${parsed.error}\n${USAGE}\n`);
    process.exit(2);
  }
  const log = createLogger(parsed.config.logLevel);
  run(parsed.config, log).catch((error: unknown) => {
    log.error('reconciler failed to start', { error });
    process.exit(1);
  });
};

main();
