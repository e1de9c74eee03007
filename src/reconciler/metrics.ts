/**
 * The reconciler's Prometheus metrics, on a prom-client Registry of their own (so several
 * instances, as in tests, never clash). Names are prefixed `kata_reconciler_`; the process and
 * Node.js runtime metrics are prom-client's defaults, enabled by the process only.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { KATA_NODE_LISTS } from '../shared/kataconfig';

export const RECONCILE_RESULTS = ['success', 'requeue', 'error'] as const;
export type ReconcileResultLabel = (typeof RECONCILE_RESULTS)[number];

export const ERROR_KINDS = ['conflict', 'throttled', 'server', 'client', 'transport'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The kind of a failed pass, from the HTTP status of the failed call (undefined: no response). */
export const errorKind = (status: number | undefined): ErrorKind => {
  if (status === undefined) return 'transport';
  if (status === 409) return 'conflict';
  if (status === 429) return 'throttled';
  return status >= 500 ? 'server' : 'client';
};

export interface MetricsOptions {
  /** prom-client's process and Node.js metrics (CPU, RSS, heap, event loop lag, GC). */
  processMetrics?: boolean;
}

export class ReconcilerMetrics {
  readonly registry = new Registry();

  readonly reconciles = this.counter(
    'kata_reconciler_reconcile_total',
    'Reconcile passes by result (success, requeue, error).',
    ['result'],
  );
  readonly errors = this.counter(
    'kata_reconciler_reconcile_errors_total',
    'Failed reconcile passes by kind (conflict, throttled, server, client, transport).',
    ['kind'],
  );
  readonly duration = new Histogram({
    name: 'kata_reconciler_reconcile_duration_seconds',
    help: 'Duration of a reconcile pass.',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly queueDepth = this.gauge(
    'kata_reconciler_queue_depth',
    'Keys waiting in the work queue, including delayed retries.',
  );
  readonly leader = this.gauge(
    'kata_reconciler_leader',
    '1 while this replica holds the Lease (or leader election is off).',
  );
  readonly standingDown = this.gauge(
    'kata_reconciler_standing_down',
    '1 while the upstream operator is present and the reconciler does nothing.',
  );
  readonly nodes = this.gauge(
    'kata_reconciler_nodes',
    'Nodes per kataNodes list (state) of the managed KataConfig, as last computed.',
    ['state'],
  );
  readonly informersSynced = this.gauge(
    'kata_reconciler_informer_synced',
    '1 while the informer has listed and its watch runs.',
    ['informer'],
  );
  readonly writes = this.counter(
    'kata_reconciler_api_writes_total',
    'API writes by verb and resource.',
    ['verb', 'resource'],
  );

  constructor(options: MetricsOptions = {}) {
    // Every label value exists from the start, so rates and alerts see zeros, not gaps.
    for (const result of RECONCILE_RESULTS) this.reconciles.inc({ result }, 0);
    for (const kind of ERROR_KINDS) this.errors.inc({ kind }, 0);
    for (const state of KATA_NODE_LISTS) this.nodes.set({ state }, 0);
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** A counter on this instance's registry. */
  private counter<Label extends string = string>(
    name: string,
    help: string,
    labelNames: readonly Label[] = [],
  ): Counter<Label> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** A gauge on this instance's registry. */
  private gauge<Label extends string = string>(
    name: string,
    help: string,
    labelNames: readonly Label[] = [],
  ): Gauge<Label> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  /** Counts a finished pass and its duration. */
  recordPass(result: ReconcileResultLabel, seconds: number, status?: number): void {
    this.reconciles.inc({ result });
    if (result === 'error') this.errors.inc({ kind: errorKind(status) });
    this.duration.observe(seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
