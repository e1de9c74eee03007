/**
 * A small Prometheus registry written for this process (text exposition format 0.0.4): counters,
 * gauges and one histogram, with labels. Names are prefixed `kata_reconciler_`.
 */

type LabelValues = Record<string, string>;

const escapeLabel = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

const labelKey = (labels: LabelValues): string =>
  Object.keys(labels)
    .sort()
    .map((name) => `${name}="${escapeLabel(labels[name] ?? '')}"`)
    .join(',');

const series = (name: string, key: string, value: number): string =>
  `${name}${key === '' ? '' : `{${key}}`} ${Number.isFinite(value) ? value : 0}`;

interface Metric {
  render: () => string[];
}

class Scalar implements Metric {
  private readonly values = new Map<string, number>();
  constructor(
    private readonly name: string,
    private readonly help: string,
    private readonly type: 'counter' | 'gauge',
  ) {}

  inc(labels: LabelValues = {}, by = 1): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  set(labels: LabelValues, value: number): void {
    this.values.set(labelKey(labels), value);
  }

  get(labels: LabelValues = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    const entries =
      this.values.size === 0 && this.type === 'counter' ? [['', 0] as const] : [...this.values];
    for (const [key, value] of entries) lines.push(series(this.name, key, value));
    return lines;
  }
}

class Histogram implements Metric {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(
    private readonly name: string,
    private readonly help: string,
    private readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    this.buckets.forEach((bound, index) => {
      if (value <= bound) this.counts[index] = (this.counts[index] ?? 0) + 1;
    });
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((bound, index) => {
      lines.push(series(`${this.name}_bucket`, `le="${bound}"`, this.counts[index] ?? 0));
    });
    lines.push(series(`${this.name}_bucket`, 'le="+Inf"', this.count));
    lines.push(series(`${this.name}_sum`, '', this.sum));
    lines.push(series(`${this.name}_count`, '', this.count));
    return lines;
  }
}

export class ReconcilerMetrics {
  readonly reconciles = new Scalar(
    'kata_reconciler_reconcile_total',
    'Reconcile passes by result (success, error, requeue).',
    'counter',
  );
  readonly errors = new Scalar(
    'kata_reconciler_reconcile_errors_total',
    'Failed reconcile passes by HTTP status class.',
    'counter',
  );
  readonly duration = new Histogram(
    'kata_reconciler_reconcile_duration_seconds',
    'Duration of a reconcile pass.',
    [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );
  readonly queueDepth = new Scalar(
    'kata_reconciler_queue_depth',
    'Keys waiting in the work queue.',
    'gauge',
  );
  readonly leader = new Scalar(
    'kata_reconciler_leader',
    '1 while this replica holds the Lease.',
    'gauge',
  );
  readonly standingDown = new Scalar(
    'kata_reconciler_standing_down',
    '1 while the upstream operator is present and the reconciler does nothing.',
    'gauge',
  );
  readonly nodes = new Scalar(
    'kata_reconciler_nodes',
    'Nodes per kataNodes list of the reconciled KataConfig.',
    'gauge',
  );
  readonly writes = new Scalar(
    'kata_reconciler_api_writes_total',
    'API writes by verb and resource.',
    'counter',
  );

  render(): string {
    const all: Metric[] = [
      this.reconciles,
      this.errors,
      this.duration,
      this.queueDepth,
      this.leader,
      this.standingDown,
      this.nodes,
      this.writes,
    ];
    return `${all.flatMap((metric) => metric.render()).join('\n')}\n`;
  }
}
