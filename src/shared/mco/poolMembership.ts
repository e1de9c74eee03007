/**
 * Which pool a node belongs to, with the MCO's primary-pool rules (mco-rollout.md 2.7, 6):
 * custom + worker → the custom pool; anything + master → master; more than one custom pool
 * is an error; Windows nodes are never managed. Only the primary pool counts a node.
 */
import { compileLabelSelector } from '../k8s/labelSelector';
import type { LabelSelector, Labels, Node } from '../k8s/types';
import { PoolName } from './constants';
import { isWindowsNode, nodeName } from './nodeState';
import type { MachineConfigPool } from './types';

export interface NodePools {
  /** The pool that counts and updates the node. */
  primary?: MachineConfigPool;
  /** The pools the node takes configs from, primary first (a custom pool also inherits worker). */
  matching: MachineConfigPool[];
  /** Set when the MCO would refuse the node: it matches more than one custom pool. */
  error?: { id: 'multipleCustomPools'; params: { node: string; pools: string[] } };
}

export const poolName = (pool: MachineConfigPool): string => pool.metadata?.name ?? '';

const isEmptySelector = (s: LabelSelector): boolean =>
  Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;

type LabelMatcher = (labels: Labels | undefined) => boolean;

/** A pool's nodeSelector; a null, empty (`{}`) or invalid one selects no node, as in the MCO. */
export const poolNodeMatcher = (pool: MachineConfigPool): LabelMatcher => {
  const selector = pool.spec?.nodeSelector;
  if (!selector || isEmptySelector(selector)) return () => false;
  return compileLabelSelector(selector, 'matchesNothing').matches;
};

interface CompiledPool {
  pool: MachineConfigPool;
  matches: LabelMatcher;
}

const compilePools = (pools: readonly MachineConfigPool[]): CompiledPool[] =>
  pools.map((pool) => ({ pool, matches: poolNodeMatcher(pool) }));

const resolvePools = (node: Node, compiled: readonly CompiledPool[]): NodePools => {
  if (isWindowsNode(node)) return { matching: [] };
  const labels = node.metadata?.labels;
  const matching = compiled.filter((c) => c.matches(labels)).map((c) => c.pool);
  const master = matching.find((p) => poolName(p) === PoolName.master);
  const worker = matching.find((p) => poolName(p) === PoolName.worker);
  const custom = matching.filter((p) => p !== master && p !== worker);
  if (custom.length > 1) {
    return {
      matching,
      error: {
        id: 'multipleCustomPools',
        params: { node: nodeName(node), pools: custom.map(poolName) },
      },
    };
  }
  // Custom pools on control-plane nodes are not supported: master wins.
  if (master) return { primary: master, matching: [master] };
  const [only] = custom;
  if (only) return { primary: only, matching: worker ? [only, worker] : [only] };
  return worker ? { primary: worker, matching: [worker] } : { matching: [] };
};

export const poolsForNode = (node: Node, pools: readonly MachineConfigPool[]): NodePools =>
  resolvePools(node, compilePools(pools));

/** `poolsForNode` for many nodes: the pools' selectors are compiled once. */
export const poolResolver = (pools: readonly MachineConfigPool[]): ((node: Node) => NodePools) => {
  const compiled = compilePools(pools);
  return (node) => resolvePools(node, compiled);
};

/** Nodes grouped by primary pool name; selectors are compiled once, so thousands of nodes stay cheap. */
export const nodesByPrimaryPool = (
  nodes: readonly Node[],
  pools: readonly MachineConfigPool[],
): Map<string, Node[]> => {
  const compiled = compilePools(pools);
  const groups = new Map<string, Node[]>(pools.map((p) => [poolName(p), []]));
  for (const node of nodes) {
    const primary = resolvePools(node, compiled).primary;
    if (primary) groups.get(poolName(primary))?.push(node);
  }
  return groups;
};

/** The nodes whose primary pool is `pool` (a node in a custom pool is not a worker here). */
export const nodesOfPool = (
  pool: MachineConfigPool,
  nodes: readonly Node[],
  pools: readonly MachineConfigPool[],
): Node[] => {
  const compiled = compilePools(pools);
  return nodes.filter((n) => resolvePools(n, compiled).primary === pool);
};
