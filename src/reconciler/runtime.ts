/**
 * The reconciler's moving parts that talk to the API through `KubeApi` (no client-node):
 * Events with suppression, the cached upstream-operator check, and the Lease loop.
 */
import http from 'node:http';
import {
  EVENT_SUPPRESSION_WINDOW_MS,
  KATA_CONFIG_API_VERSION,
  KATA_CONFIG_KIND,
} from '../shared/kataconfig';
import type { KataConfig } from '../shared/kataconfig';
import { decideLease, hasLostLease, microTime, releasedLease } from './leaderElection';
import type { LeaseSpec } from './leaderElection';
import type { Logger } from './logger';
import type { ReconcilerMetrics } from './metrics';
import type { EventSink, EventType } from './reconcile';
import { PATHS, itemPath, statusOf } from './rest';
import type { KubeApi } from './rest';
import { UPSTREAM_DEPLOYMENT_NAME, UPSTREAM_NAMESPACE, detectUpstreamOperator } from './upstream';
import type { CsvLike, DeploymentLike, UpstreamVerdict } from './upstream';

export const COMPONENT = 'kata-console-plugin-reconciler';
/** KataConfig is cluster-scoped: its Events live in `default`, as Node events do. */
export const EVENT_NAMESPACE = 'default';

export class ApiEventSink implements EventSink {
  private readonly recent = new Map<string, number>();
  constructor(
    private readonly api: KubeApi,
    private readonly instance: string,
    private readonly now: () => number = Date.now,
  ) {}

  async emit(
    kataConfig: KataConfig,
    type: EventType,
    reason: string,
    message: string,
  ): Promise<void> {
    const name = kataConfig.metadata?.name ?? '';
    // By uid: a KataConfig re-created under the same name gets its own Events.
    const key = `${kataConfig.metadata?.uid ?? name}\u0000${reason}\u0000${message}`;
    const at = this.now();
    const last = this.recent.get(key);
    if (last !== undefined && at - last < EVENT_SUPPRESSION_WINDOW_MS) return;
    this.recent.set(key, at);
    for (const [old, time] of this.recent)
      if (at - time >= EVENT_SUPPRESSION_WINDOW_MS) this.recent.delete(old);
    const time = new Date(at).toISOString();
    await this.api.create(PATHS.events(EVENT_NAMESPACE), {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { generateName: `${name}.`, namespace: EVENT_NAMESPACE },
      involvedObject: {
        apiVersion: KATA_CONFIG_API_VERSION,
        kind: KATA_CONFIG_KIND,
        name,
        uid: kataConfig.metadata?.uid,
        resourceVersion: kataConfig.metadata?.resourceVersion,
      },
      type,
      reason,
      message,
      source: { component: COMPONENT },
      reportingComponent: COMPONENT,
      reportingInstance: this.instance,
      firstTimestamp: time,
      lastTimestamp: time,
      eventTime: microTime(at),
      action: reason,
      count: 1,
    });
  }
}

/** Checks for the upstream operator at most every `ttlMs`; API errors other than 404 propagate. */
export const createUpstreamCheck = (
  api: KubeApi,
  ttlMs = 10_000,
): (() => Promise<UpstreamVerdict>) => {
  let cached: { at: number; verdict: UpstreamVerdict } | null = null;
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.verdict;
    const deployment = await api.get<DeploymentLike>(
      itemPath(PATHS.deployments(UPSTREAM_NAMESPACE), UPSTREAM_DEPLOYMENT_NAME),
    );
    let csvs: CsvLike[] = [];
    try {
      csvs = (await api.list<CsvLike>(PATHS.csvs(UPSTREAM_NAMESPACE))).items;
    } catch (error) {
      // No OLM on this cluster: no CSVs.
      if (statusOf(error) !== 404) throw error;
    }
    const verdict = detectUpstreamOperator({ deployment, csvs });
    cached = { at: Date.now(), verdict };
    return verdict;
  };
};

interface Lease {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  spec?: LeaseSpec;
}

export interface LeaderOptions {
  api: KubeApi;
  namespace: string;
  name: string;
  identity: string;
  leaseDurationSeconds: number;
  log: Logger;
  metrics: ReconcilerMetrics;
  onStartedLeading: () => void;
  /** Called once when a leader fails to renew in time: the process must stop acting. */
  onStoppedLeading: () => void;
}

/** Tries to acquire or renew every `leaseDuration / 5`; a leader renews well before expiry. */
export class LeaderElector {
  private timer: NodeJS.Timeout | null = null;
  private leading = false;
  private lastRenewMs = 0;
  private stopped = false;
  private lease: Lease | null = null;

  constructor(private readonly options: LeaderOptions) {}

  isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    void this.tick();
  }

  private schedule(): void {
    if (this.stopped) return;
    const period = Math.max(200, (this.options.leaseDurationSeconds * 1000) / 5);
    this.timer = setTimeout(() => void this.tick(), period);
  }

  private async tick(): Promise<void> {
    const { api, namespace, name, identity, leaseDurationSeconds, log } = this.options;
    const path = itemPath(PATHS.leases(namespace), name);
    try {
      const current = await api.get<Lease>(path);
      const decision = decideLease({
        current: current ? (current.spec ?? {}) : null,
        identity,
        nowMs: Date.now(),
        leaseDurationSeconds,
      });
      if (decision.action === 'follow') {
        if (this.leading) this.lose('another replica holds the Lease');
        log.debug('following', { holder: decision.holder });
      } else if (decision.action === 'create') {
        this.lease = await api.create<Lease>(PATHS.leases(namespace), {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace },
          spec: decision.spec,
        });
        this.won();
      } else {
        this.lease = await api.replace<Lease>(path, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace, resourceVersion: current?.metadata?.resourceVersion },
          spec: decision.spec,
        });
        this.won();
      }
    } catch (error) {
      // 409: another replica wrote first; it is the leader until the next tick says otherwise.
      log[statusOf(error) === 409 ? 'debug' : 'warn']('leader election attempt failed', { error });
    }
    if (
      this.leading &&
      hasLostLease(this.lastRenewMs, Date.now(), leaseDurationSeconds * 1000 * 0.66)
    ) {
      this.lose('could not renew the Lease in time');
    }
    this.schedule();
  }

  private won(): void {
    this.lastRenewMs = Date.now();
    if (this.leading || this.stopped) return;
    this.leading = true;
    this.options.metrics.leader.set(1);
    this.options.log.info('became leader', {
      lease: `${this.options.namespace}/${this.options.name}`,
      identity: this.options.identity,
    });
    this.options.onStartedLeading();
  }

  private lose(why: string): void {
    this.leading = false;
    this.options.metrics.leader.set(0);
    this.options.log.error('lost leadership', { why });
    this.options.onStoppedLeading();
  }

  /** Stops the loop and, when leading, releases the Lease so a follower takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (!this.leading || !this.lease?.spec) return;
    this.leading = false;
    this.options.metrics.leader.set(0);
    const { api, namespace, name } = this.options;
    try {
      await api.replace(itemPath(PATHS.leases(namespace), name), {
        ...this.lease,
        spec: releasedLease(this.lease.spec, Date.now()),
      });
    } catch (error) {
      this.options.log.warn('could not release the Lease', { error });
    }
  }
}

export interface HttpReply {
  status: number;
  body: string;
  type?: string;
}

/** Serves /healthz and /readyz, or /metrics, on one port; resolves with the bound port. */
export const startHttpServer = (
  bindAddress: string,
  port: number,
  routes: Record<string, () => HttpReply | Promise<HttpReply>>,
): Promise<{ server: http.Server; port: number }> =>
  new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => {
      const route = routes[(req.url ?? '/').split('?')[0] ?? '/'];
      if (!route || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
        return;
      }
      Promise.resolve()
        .then(route)
        .then(
          ({ status, body, type }) => {
            res
              .writeHead(status, { 'Content-Type': type ?? 'text/plain; charset=utf-8' })
              .end(req.method === 'HEAD' ? undefined : body);
          },
          (error: unknown) => {
            res
              .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
              .end(`${error instanceof Error ? error.message : String(error)}\n`);
          },
        );
    });
    server.once('error', reject);
    server.listen(port, bindAddress, () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : port });
    });
  });
