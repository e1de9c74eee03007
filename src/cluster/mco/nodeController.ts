/**
 * The machine-config-controller's render and node controllers: render each pool, give new nodes
 * their first config, taint out-of-date nodes, target up to maxUnavailable nodes per pool, and
 * publish pool status (counts from src/shared/mco, conditions with the MCO's messages).
 */
import type { Condition, Node, Taint } from '../../shared/k8s/types';
import type { MachineConfigPool, MachineConfigPoolStatus, PoolCounts } from '../../shared/mco';
import {
  computePoolCounts,
  isNodeDegraded,
  isNodeDone,
  isNodeFailing,
  isPoolFullyUpdated,
  isNodeReadyForMco,
  isNodeUnavailable,
  NodeAnnotation,
  NodeState,
  nodeName,
  nodesByPrimaryPool,
  PoolConditionType,
  poolName,
  poolTargetConfig,
  readNodeAnnotations,
  resolveMaxUnavailable,
  UNCORDON_PREFIX,
  UPDATE_IN_PROGRESS_TAINT,
} from '../../shared/mco';
import type { Kube } from './kube';
import { renderedMachineConfig, renderPool } from './render';

const ZONE_LABEL = 'topology.kubernetes.io/zone';

const timestamp = (now: Date): string => now.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Renders every pool; returns the RenderDegraded message per pool name (absent when fine). */
export const renderPools = (kube: Kube): Map<string, string> => {
  const errors = new Map<string, string>();
  const machineConfigs = kube.machineConfigs();
  for (const pool of kube.pools()) {
    const result = renderPool(pool, machineConfigs);
    if (!result.ok) {
      errors.set(poolName(pool), result.message);
      continue;
    }
    if (!machineConfigs.some((mc) => mc.metadata?.name === result.name)) {
      kube.createIfMissing('MachineConfig', renderedMachineConfig(pool, result.name, result.spec));
    }
    const current = pool.spec?.configuration;
    const sameSources =
      JSON.stringify((current?.source ?? []).map((s) => s.name)) ===
      JSON.stringify(result.sources.map((s) => s.name));
    if (current?.name !== result.name || !sameSources) {
      kube.updatePool({
        ...pool,
        spec: { ...pool.spec, configuration: { name: result.name, source: result.sources } },
      });
    }
  }
  return errors;
};

const hasTaint = (node: Node): boolean =>
  (node.spec?.taints ?? []).some(
    (t) => t.key === UPDATE_IN_PROGRESS_TAINT.key && t.effect === UPDATE_IN_PROGRESS_TAINT.effect,
  );

const withTaint = (node: Node, present: boolean, now: Date): Node => {
  const others = (node.spec?.taints ?? []).filter(
    (t) =>
      !(t.key === UPDATE_IN_PROGRESS_TAINT.key && t.effect === UPDATE_IN_PROGRESS_TAINT.effect),
  );
  const taints: Taint[] = present
    ? [...others, { ...UPDATE_IN_PROGRESS_TAINT, timeAdded: timestamp(now) }]
    : others;
  return { ...node, spec: { ...node.spec, taints } };
};

const withAnnotations = (node: Node, values: Record<string, string>): Node => ({
  ...node,
  metadata: { ...node.metadata, annotations: { ...node.metadata?.annotations, ...values } },
});

/** Zone ascending (nodes without one last), then oldest first, as the node controller orders. */
const candidateOrder = (a: Node, b: Node): number => {
  const za = a.metadata?.labels?.[ZONE_LABEL];
  const zb = b.metadata?.labels?.[ZONE_LABEL];
  if (za !== zb) {
    if (za === undefined) return 1;
    if (zb === undefined) return -1;
    return za < zb ? -1 : 1;
  }
  const ca = a.metadata?.creationTimestamp ?? '';
  const cb = b.metadata?.creationTimestamp ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return nodeName(a) < nodeName(b) ? -1 : 1;
};

/** How many more nodes of the pool may be targeted now (mco-rollout.md 2.5). */
export const targetCapacity = (pool: MachineConfigPool, nodes: readonly Node[]): number => {
  const target = poolTargetConfig(pool);
  const resolved = resolveMaxUnavailable(pool.spec?.maxUnavailable, nodes.length, poolName(pool));
  const max = resolved.ok ? resolved.value : 1;
  const unavailable = nodes.filter(isNodeUnavailable).length;
  if (unavailable >= max) return 0;
  const failing = nodes.filter(
    (n) => readNodeAnnotations(n).desiredConfig === target && isNodeFailing(n),
  ).length;
  return Math.max(0, max - unavailable - failing);
};

/** First config of new nodes, UpdateInProgress taints, and new targets. */
export const syncNodes = (kube: Kube, now: Date): void => {
  const pools = kube.pools();
  const groups = nodesByPrimaryPool(kube.nodes(), pools);
  for (const pool of pools) {
    const target = poolTargetConfig(pool);
    const nodes = groups.get(poolName(pool)) ?? [];
    if (!target) continue;
    const current: Node[] = [];
    for (const node of nodes) {
      const a = readNodeAnnotations(node);
      let next = node;
      if (!a.currentConfig) {
        // A node that joined without MCO annotations boots straight into the pool's config.
        next = withAnnotations(next, {
          [NodeAnnotation.currentConfig]: target,
          [NodeAnnotation.desiredConfig]: target,
          [NodeAnnotation.state]: NodeState.Done,
          [NodeAnnotation.reason]: '',
          [NodeAnnotation.desiredDrain]: `${UNCORDON_PREFIX}${target}`,
          [NodeAnnotation.lastAppliedDrain]: `${UNCORDON_PREFIX}${target}`,
        });
      }
      const desired = readNodeAnnotations(next).desiredConfig;
      if (desired !== target && !hasTaint(next)) next = withTaint(next, true, now);
      if (desired === target && isNodeDone(next) && hasTaint(next))
        next = withTaint(next, false, now);
      current.push(next === node ? node : kube.updateNode(next));
    }
    if (pool.spec?.paused) continue;
    let capacity = targetCapacity(pool, current);
    if (capacity <= 0) continue;
    const candidates = current
      .filter((n) => readNodeAnnotations(n).desiredConfig !== target && isNodeReadyForMco(n))
      .sort(candidateOrder);
    for (const node of candidates) {
      if (capacity <= 0) break;
      kube.updateNode(withAnnotations(node, { [NodeAnnotation.desiredConfig]: target }));
      capacity--;
    }
  }
};

const condition = (
  previous: readonly Condition[],
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  now: Date,
): Condition => {
  const before = previous.find((c) => c.type === type);
  return {
    type,
    status,
    reason,
    message,
    lastTransitionTime:
      before?.status === status && before.lastTransitionTime
        ? before.lastTransitionTime
        : timestamp(now),
  };
};

const OWN_CONDITIONS: readonly string[] = [
  PoolConditionType.RenderDegraded,
  PoolConditionType.NodeDegraded,
  PoolConditionType.Degraded,
  PoolConditionType.Updated,
  PoolConditionType.Updating,
];

/** The status the node controller writes for a pool, from its own nodes. */
export const poolStatus = (
  pool: MachineConfigPool,
  nodes: readonly Node[],
  renderError: string | undefined,
  now: Date,
): MachineConfigPoolStatus => {
  const counts: PoolCounts = computePoolCounts(pool, nodes);
  const target = poolTargetConfig(pool) ?? '';
  const previous = pool.status?.conditions ?? [];
  const allUpdated = target !== '' && isPoolFullyUpdated(counts);
  const degraded = nodes.filter(isNodeDegraded);
  const nodeDegradedMessage = degraded
    .map((n) => `Node ${nodeName(n)} is reporting: "${readNodeAnnotations(n).reason ?? ''}"`)
    .join(', ');
  const isDegraded = degraded.length > 0 || renderError !== undefined;
  const conditions: Condition[] = [
    ...previous.filter((c) => !OWN_CONDITIONS.includes(c.type)),
    condition(
      previous,
      PoolConditionType.RenderDegraded,
      renderError ? 'True' : 'False',
      '',
      renderError ?? '',
      now,
    ),
    condition(
      previous,
      PoolConditionType.NodeDegraded,
      degraded.length > 0 ? 'True' : 'False',
      degraded.length > 0 ? `${degraded.length} nodes are reporting degraded status on sync` : '',
      nodeDegradedMessage,
      now,
    ),
    condition(
      previous,
      PoolConditionType.Degraded,
      isDegraded ? 'True' : 'False',
      '',
      degraded.length > 0 ? nodeDegradedMessage : (renderError ?? ''),
      now,
    ),
  ];
  if (allUpdated) {
    conditions.push(
      condition(
        previous,
        PoolConditionType.Updated,
        'True',
        '',
        `All nodes are updated with MachineConfig ${target}`,
        now,
      ),
      condition(previous, PoolConditionType.Updating, 'False', '', '', now),
    );
  } else if (pool.spec?.paused) {
    conditions.push(
      condition(previous, PoolConditionType.Updated, 'False', '', '', now),
      condition(
        previous,
        PoolConditionType.Updating,
        'False',
        '',
        `Pool is paused; will not update to MachineConfig ${target}`,
        now,
      ),
    );
  } else {
    conditions.push(
      condition(previous, PoolConditionType.Updated, 'False', '', '', now),
      condition(
        previous,
        PoolConditionType.Updating,
        'True',
        '',
        `All nodes are updating to MachineConfig ${target}`,
        now,
      ),
    );
  }
  const configuration = allUpdated ? pool.spec?.configuration : pool.status?.configuration;
  return {
    ...pool.status,
    observedGeneration: pool.metadata?.generation ?? 0,
    ...(configuration ? { configuration } : {}),
    ...counts,
    conditions,
  };
};

export const syncPoolStatus = (kube: Kube, renderErrors: Map<string, string>, now: Date): void => {
  const pools = kube.pools();
  const groups = nodesByPrimaryPool(kube.nodes(), pools);
  for (const pool of pools) {
    const status = poolStatus(
      pool,
      groups.get(poolName(pool)) ?? [],
      renderErrors.get(poolName(pool)),
      now,
    );
    kube.updatePoolStatus({ ...pool, status });
  }
};
