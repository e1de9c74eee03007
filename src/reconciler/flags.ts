/** Command-line and environment configuration, validated with clear messages (exit code 2). */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ReconcilerConfig {
  /** Null: in-cluster configuration (service account). */
  kubeconfig: string | null;
  bindAddress: string;
  metricsPort: number;
  healthPort: number;
  /** Namespace of the leader-election Lease and of the Events' namespace-less fallback. */
  namespace: string;
  leaderElection: boolean;
  leaseName: string;
  leaseDurationSeconds: number;
  identity: string;
  logLevel: LogLevel;
  /** Every KataConfig is reconciled again at this interval even without a change. */
  resyncSeconds: number;
}

interface FlagSpec {
  key: keyof ReconcilerConfig;
  env: string;
  kind: 'string' | 'port' | 'seconds' | 'onOff' | 'logLevel';
  help: string;
}

export const FLAGS: Record<string, FlagSpec> = {
  kubeconfig: {
    key: 'kubeconfig',
    env: 'KUBECONFIG',
    kind: 'string',
    help: 'kubeconfig file; in-cluster config when absent',
  },
  'bind-address': {
    key: 'bindAddress',
    env: 'RECONCILER_BIND_ADDRESS',
    kind: 'string',
    help: 'address of the metrics and health servers',
  },
  'metrics-port': {
    key: 'metricsPort',
    env: 'RECONCILER_METRICS_PORT',
    kind: 'port',
    help: 'Prometheus /metrics port (0 picks one)',
  },
  'health-port': {
    key: 'healthPort',
    env: 'RECONCILER_HEALTH_PORT',
    kind: 'port',
    help: '/healthz and /readyz port (0 picks one)',
  },
  namespace: {
    key: 'namespace',
    env: 'POD_NAMESPACE',
    kind: 'string',
    help: 'namespace of the leader-election Lease',
  },
  'leader-election': {
    key: 'leaderElection',
    env: 'RECONCILER_LEADER_ELECTION',
    kind: 'onOff',
    help: 'on or off',
  },
  'lease-name': {
    key: 'leaseName',
    env: 'RECONCILER_LEASE_NAME',
    kind: 'string',
    help: 'name of the Lease',
  },
  'lease-duration': {
    key: 'leaseDurationSeconds',
    env: 'RECONCILER_LEASE_DURATION',
    kind: 'seconds',
    help: 'seconds a leader may go without renewing',
  },
  identity: {
    key: 'identity',
    env: 'POD_NAME',
    kind: 'string',
    help: 'this replica’s identity in the Lease',
  },
  'log-level': {
    key: 'logLevel',
    env: 'RECONCILER_LOG_LEVEL',
    kind: 'logLevel',
    help: LOG_LEVELS.join(', '),
  },
  resync: {
    key: 'resyncSeconds',
    env: 'RECONCILER_RESYNC',
    kind: 'seconds',
    help: 'periodic full reconcile, in seconds',
  },
};

export const USAGE = [
  'usage: reconciler [--flag value | --flag=value] ...',
  ...Object.entries(FLAGS).map(([name, spec]) => `  --${name}  ${spec.help} (env ${spec.env})`),
].join('\n');

export type ParseResult =
  { ok: true; config: ReconcilerConfig } | { ok: false; error: string } | { ok: 'help' };

const defaults = (identity: string): ReconcilerConfig => ({
  kubeconfig: null,
  bindAddress: '127.0.0.1',
  metricsPort: 8080,
  healthPort: 8081,
  namespace: 'default',
  leaderElection: true,
  leaseName: 'kata-console-plugin-reconciler',
  leaseDurationSeconds: 15,
  identity,
  logLevel: 'info',
  resyncSeconds: 300,
});

const convert = (
  name: string,
  spec: FlagSpec,
  raw: string,
): { ok: true; value: string | number | boolean } | { ok: false; error: string } => {
  switch (spec.kind) {
    case 'string':
      return raw === ''
        ? { ok: false, error: `--${name} must not be empty` }
        : { ok: true, value: raw };
    case 'port': {
      const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
      return Number.isInteger(port) && port >= 0 && port <= 65535
        ? { ok: true, value: port }
        : { ok: false, error: `--${name} must be a port number from 0 to 65535, got "${raw}"` };
    }
    case 'seconds': {
      const seconds = /^\d+$/.test(raw) ? Number(raw) : NaN;
      return Number.isInteger(seconds) && seconds >= 1 && seconds <= 86_400
        ? { ok: true, value: seconds }
        : {
            ok: false,
            error: `--${name} must be a whole number of seconds from 1 to 86400, got "${raw}"`,
          };
    }
    case 'onOff':
      if (['on', 'true'].includes(raw)) return { ok: true, value: true };
      if (['off', 'false'].includes(raw)) return { ok: true, value: false };
      return { ok: false, error: `--${name} must be on or off, got "${raw}"` };
    case 'logLevel':
      return (LOG_LEVELS as readonly string[]).includes(raw)
        ? { ok: true, value: raw }
        : { ok: false, error: `--${name} must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"` };
  }
};

/** Flags win over the environment, which wins over the defaults. */
export const parseFlags = (
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultIdentity: string,
): ParseResult => {
  const values = new Map<string, string>();
  for (const [name, spec] of Object.entries(FLAGS)) {
    const fromEnv = env[spec.env];
    if (fromEnv !== undefined && fromEnv !== '') values.set(name, fromEnv);
  }
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--help' || arg === '-h') return { ok: 'help' };
    if (!arg.startsWith('--')) return { ok: false, error: `unexpected argument "${arg}"` };
    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
    if (!Object.hasOwn(FLAGS, name)) return { ok: false, error: `unknown flag --${name}` };
    let value: string | undefined;
    if (equals !== -1) value = arg.slice(equals + 1);
    else {
      value = argv[index + 1];
      index += 1;
    }
    if (value === undefined || (equals === -1 && value.startsWith('--'))) {
      return { ok: false, error: `--${name} needs a value` };
    }
    values.set(name, value);
  }
  const config = defaults(defaultIdentity);
  const mutable = config as unknown as Record<string, string | number | boolean | null>;
  for (const [name, raw] of values) {
    const spec = FLAGS[name];
    if (!spec) continue;
    const converted = convert(name, spec, raw);
    if (!converted.ok) return converted;
    mutable[spec.key] = converted.value;
  }
  if (config.metricsPort !== 0 && config.metricsPort === config.healthPort) {
    return { ok: false, error: '--metrics-port and --health-port must differ' };
  }
  return { ok: true, config };
};
