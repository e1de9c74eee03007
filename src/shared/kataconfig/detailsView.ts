/**
 * What the KataConfig details page shows besides the state: the spec in words, and the objects
 * the operator owns for it (MachineConfig, pool, RuntimeClasses), each with its own status.
 */
import type { LabelSelector, RuntimeClass } from '../k8s/types';
import { PoolConditionType } from '../mco/constants';
import type { MachineConfig, MachineConfigPool } from '../mco/types';
import { isRecord, runtimeClassesOf } from './accessors';
import {
  KATA_CONFIG_SPEC_DEFAULTS,
  KATA_LAYERED_IMAGE_MACHINE_CONFIG_NAME,
  KATA_MACHINE_CONFIG_NAME,
} from './constants';
import { rolloutPoolFor } from './rolloutPool';
import type { PoolProgress } from './userState';
import { summarizePool } from './userState';
import type { KataConfig } from './types';

/** One selector term as text, in kubectl's `-l` syntax: `a=b`, `zone in (a,b)`, `gpu`, `!slow`. */
export const selectorTerms = (selector: LabelSelector | null | undefined): string[] => {
  if (!isRecord(selector)) return [];
  const labels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  const terms: string[] = [
    ...Object.entries(labels).map(([key, value]) => `${key}=${String(value)}`),
    ...expressions.filter(isRecord).map(({ key, operator, values }) => {
      const list = Array.isArray(values) ? values.join(',') : '';
      switch (operator) {
        case 'In':
          return `${String(key)} in (${list})`;
        case 'NotIn':
          return `${String(key)} notin (${list})`;
        case 'Exists':
          return String(key);
        case 'DoesNotExist':
          return `!${String(key)}`;
        default:
          return `${String(key)} ${String(operator)} (${list})`;
      }
    }),
  ];
  return terms;
};

export interface SpecView {
  /** Null: every worker node. */
  selectorTerms: string[] | null;
  checkNodeEligibility: boolean;
  logLevel: string;
  enablePeerPods: boolean;
}

/** The spec with the CRD's defaults filled in where the object leaves a field out. */
export const specView = (kataConfig: KataConfig): SpecView => {
  const spec = isRecord(kataConfig.spec) ? kataConfig.spec : {};
  const selector = spec.kataConfigPoolSelector;
  return {
    selectorTerms: isRecord(selector) ? selectorTerms(selector) : null,
    checkNodeEligibility:
      typeof spec.checkNodeEligibility === 'boolean'
        ? spec.checkNodeEligibility
        : KATA_CONFIG_SPEC_DEFAULTS.checkNodeEligibility,
    logLevel:
      typeof spec.logLevel === 'string' ? spec.logLevel : KATA_CONFIG_SPEC_DEFAULTS.logLevel,
    enablePeerPods:
      typeof spec.enablePeerPods === 'boolean'
        ? spec.enablePeerPods
        : KATA_CONFIG_SPEC_DEFAULTS.enablePeerPods,
  };
};

export interface OwnedMachineConfig {
  name: string;
  extensions: string[];
}

export interface OwnedPool extends PoolProgress {
  degraded: boolean;
  paused: boolean;
}

export interface OwnedRuntimeClass {
  name: string;
  /** False while the status names it but it is not (or no longer) in the cluster. */
  exists: boolean;
  handler: string | null;
}

export interface OwnedObjects {
  /** The extension MachineConfig (or the layered-image one); null until the operator writes it. */
  machineConfig: OwnedMachineConfig | null;
  /** The pool this KataConfig's rollout runs in; null when it does not exist (yet). */
  pool: OwnedPool | null;
  runtimeClasses: OwnedRuntimeClass[];
}

const OWNED_MACHINE_CONFIG_NAMES: readonly string[] = [
  KATA_MACHINE_CONFIG_NAME,
  KATA_LAYERED_IMAGE_MACHINE_CONFIG_NAME,
];

const isPoolCondition = (pool: MachineConfigPool, type: string): boolean =>
  (pool.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

export const ownedObjects = (
  kataConfig: KataConfig,
  pools: readonly MachineConfigPool[],
  machineConfigs: readonly MachineConfig[],
  runtimeClasses: readonly RuntimeClass[],
): OwnedObjects => {
  const machineConfig = machineConfigs.find((mc) =>
    OWNED_MACHINE_CONFIG_NAMES.includes(mc.metadata?.name ?? ''),
  );
  const pool = rolloutPoolFor(kataConfig, pools);
  const summary = summarizePool(pool);
  const classesByName = new Map(runtimeClasses.map((rc) => [rc.metadata?.name ?? '', rc]));
  return {
    machineConfig: machineConfig
      ? {
          name: machineConfig.metadata?.name ?? '',
          extensions: (machineConfig.spec?.extensions ?? []).filter(
            (e): e is string => typeof e === 'string',
          ),
        }
      : null,
    pool:
      pool && summary
        ? {
            ...summary,
            degraded: isPoolCondition(pool, PoolConditionType.Degraded),
            paused: pool.spec?.paused === true,
          }
        : null,
    runtimeClasses: runtimeClassesOf(kataConfig).map((name) => {
      const found = classesByName.get(name);
      return {
        name,
        exists: found !== undefined,
        handler: typeof found?.handler === 'string' ? found.handler : null,
      };
    }),
  };
};
