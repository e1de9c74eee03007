/**
 * The per-node and per-pool assessments of `oc adm upgrade status --details=all`, derived from
 * the pool target (spec.configuration) rather than from release versions, so a multi-arch
 * migration (same version, new configs) reads right too (mco-rollout.md 2.8, fixtures/mco).
 */
import type { Node } from '../k8s/types';
import { FAILED_NODE_STATES, MachineConfigAnnotation, NodeState } from './constants';
import { nodeRolloutPhase, type NodeRolloutPhase } from './nodePhase';
import {
  emptyToUndefined,
  isDrainPending,
  isNodeUnavailable,
  nodeName,
  nodeUnavailableCauses,
  readNodeAnnotations,
  type NodeMcoAnnotations,
} from './nodeState';
import { poolTargetConfig } from './poolCounts';
import { poolName } from './poolMembership';
import type { MachineConfig, MachineConfigNode, MachineConfigPool } from './types';

/** In oc's sort order: the most urgent first. */
export const NODE_ASSESSMENTS = [
  'Degraded',
  'Unavailable',
  'Progressing',
  'Excluded',
  'Outdated',
  'Completed',
] as const;
export type NodeAssessmentKind = (typeof NODE_ASSESSMENTS)[number];

/** In oc's sort order. */
export const UPDATE_PHASES = [
  'Draining',
  'Updating',
  'Rebooting',
  'Paused',
  'Pending',
  'Updated',
] as const;
export type UpdatePhase = (typeof UPDATE_PHASES)[number];

/** oc's fixed per-phase estimates; '?' when it cannot say, '-' when nothing is left. */
export type NodeEstimate = '+10m' | '+5m' | '?' | '-';

export interface NodeAssessment {
  name: string;
  assessment: NodeAssessmentKind;
  phase: UpdatePhase;
  /** OCP version of the node's current config, '?' when unknown. */
  version: string;
  estimate: NodeEstimate;
  /** The degraded reason or the unavailability reasons, node name shortened to `<node>`. */
  message: string;
  /** This project's finer reading of the same node. */
  rollout: NodeRolloutPhase;
  isUnavailable: boolean;
  isDegraded: boolean;
  isUpdating: boolean;
  isUpdated: boolean;
}

export interface AssessmentOptions {
  /** OCP version of a rendered config; see `versionsFromMachineConfigs`. */
  versionOf?: (renderedConfig: string) => string | undefined;
  /** MachineConfigNodes by node name, when the API serves them. */
  machineConfigNodes?: ReadonlyMap<string, MachineConfigNode>;
}

/** Rendered config name → OCP version, from the `release-image-version` annotation. */
export const versionsFromMachineConfigs = (
  configs: readonly MachineConfig[],
): Map<string, string> => {
  const versions = new Map<string, string>();
  for (const mc of configs) {
    const name = mc.metadata?.name;
    const version = mc.metadata?.annotations?.[MachineConfigAnnotation.releaseImageVersion];
    if (name && version) versions.set(name, version);
  }
  return versions;
};

const ESTIMATE: Record<UpdatePhase, NodeEstimate> = {
  Draining: '+10m',
  Updating: '+5m',
  Rebooting: '+5m',
  Paused: '-',
  Pending: '?',
  Updated: '-',
};

const ASSESSMENT_OF_PHASE: Record<UpdatePhase, NodeAssessmentKind> = {
  Draining: 'Progressing',
  Updating: 'Progressing',
  Rebooting: 'Progressing',
  Paused: 'Excluded',
  Pending: 'Outdated',
  Updated: 'Completed',
};

/**
 * oc's phase. It differs from `nodeRolloutPhase` in two documented ways: a targeted node whose
 * daemon has not started yet counts as Draining, and a reboot shows as Updating unless the
 * `state` annotation itself says Rebooting (the daemon writes it to post-config-action).
 */
const updatePhase = (
  a: NodeMcoAnnotations,
  pool: MachineConfigPool,
  isUpdating: boolean,
  isUpdated: boolean,
): UpdatePhase => {
  if (isUpdating) {
    if (isDrainPending(a) || a.state === NodeState.Done) return 'Draining';
    return a.state === NodeState.Rebooting ? 'Rebooting' : 'Updating';
  }
  if (isUpdated) return 'Updated';
  return pool.spec?.paused ? 'Paused' : 'Pending';
};

/** oc hides long node names in messages so the table stays readable. */
const shortenNodeName = (message: string, name: string): string =>
  name.length < 8 ? message : message.split(name).join('<node>');

export const assessNode = (
  node: Node,
  pool: MachineConfigPool,
  options: AssessmentOptions = {},
): NodeAssessment => {
  const name = nodeName(node);
  const a = readNodeAnnotations(node);
  const target = poolTargetConfig(pool);
  const current = emptyToUndefined(a.currentConfig);
  const isUpdated =
    !!current && current === target && (!a.desiredConfig || a.desiredConfig === current);
  const isUpdating = !isUpdated && !!current && !!target && a.desiredConfig === target;
  const isDegraded = !!a.desiredConfig && FAILED_NODE_STATES.includes(a.state ?? '');
  const isUnavailable = isNodeUnavailable(node);
  const phase = updatePhase(a, pool, isUpdating, isUpdated);

  let assessment = ASSESSMENT_OF_PHASE[phase];
  let estimate = ESTIMATE[phase];
  let message = '';
  if (isUnavailable && !isUpdating) {
    assessment = 'Unavailable';
    message = nodeUnavailableCauses(node)
      .map((c) => c.reason)
      .join(' | ');
    estimate = isUpdated ? '-' : '?';
  }
  if (isDegraded) {
    assessment = 'Degraded';
    message = a.reason ?? '';
    estimate = isUpdated ? '-' : '?';
  }
  return {
    name,
    assessment,
    phase,
    version: emptyToUndefined(current ? options.versionOf?.(current) : undefined) ?? '?',
    estimate,
    message: shortenNodeName(message, name),
    rollout: nodeRolloutPhase(node, target, options.machineConfigNodes?.get(name)),
    isUnavailable,
    isDegraded,
    isUpdating,
    isUpdated,
  };
};

/** oc's row order: assessment, then phase, then name. */
export const compareNodeAssessments = (x: NodeAssessment, y: NodeAssessment): number =>
  NODE_ASSESSMENTS.indexOf(x.assessment) - NODE_ASSESSMENTS.indexOf(y.assessment) ||
  UPDATE_PHASES.indexOf(x.phase) - UPDATE_PHASES.indexOf(y.phase) ||
  (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);

export type PoolAssessmentKind =
  'Completed' | 'Pending' | 'Degraded' | 'Excluded' | 'Progressing' | 'Empty';

export interface PoolAssessment {
  name: string;
  assessment: PoolAssessmentKind;
  /** Updated nodes in percent (not rounded). */
  completion: number;
  total: number;
  available: number;
  progressing: number;
  outdated: number;
  draining: number;
  excluded: number;
  degraded: number;
  /** Sorted as oc prints them. */
  nodes: NodeAssessment[];
}

/** `nodes` must be the pool's own nodes (see `nodesOfPool`). */
export const assessPool = (
  pool: MachineConfigPool,
  nodes: readonly Node[],
  options: AssessmentOptions = {},
): PoolAssessment => {
  const assessed = nodes.map((n) => assessNode(n, pool, options)).sort(compareNodeAssessments);
  const tally = {
    available: 0,
    progressing: 0,
    outdated: 0,
    draining: 0,
    excluded: 0,
    degraded: 0,
  };
  let updated = 0;
  let pending = 0;
  for (const n of assessed) {
    if (!n.isUnavailable) tally.available += 1;
    if (n.isDegraded) tally.degraded += 1;
    if (n.phase === 'Updated') {
      updated += 1;
      continue;
    }
    tally.outdated += 1;
    if (n.phase === 'Paused') tally.excluded += 1;
    if (n.phase === 'Pending') pending += 1;
    if (n.phase === 'Draining') tally.draining += 1;
    if (['Draining', 'Updating', 'Rebooting'].includes(n.phase) && !n.isDegraded)
      tally.progressing += 1;
  }
  const total = assessed.length;
  let assessment: PoolAssessmentKind = 'Progressing';
  if (total === 0) assessment = 'Empty';
  else if (updated === total) assessment = 'Completed';
  else if (pending === total) assessment = 'Pending';
  else if (tally.degraded > 0) assessment = 'Degraded';
  else if (tally.excluded > 0) assessment = 'Excluded';
  return {
    name: poolName(pool),
    assessment,
    completion: total === 0 ? 100 : (updated * 100) / total,
    total,
    ...tally,
    nodes: assessed,
  };
};

/** Go's `%.0f`: round half to even. */
const roundHalfEven = (value: number): number => {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
};

/** `37% (22/59)`, as in oc's COMPLETION column. */
export const formatPoolCompletion = (p: PoolAssessment): string =>
  `${roundHalfEven(p.completion)}% (${p.total - p.outdated}/${p.total})`;

/** `44 Available, 5 Progressing, 12 Draining, 7 Degraded`, as in oc's STATUS column. */
export const formatPoolStatus = (p: PoolAssessment): string => {
  const parts = [
    `${p.available} Available`,
    `${p.progressing} Progressing`,
    `${p.draining} Draining`,
  ];
  if (p.excluded > 0) parts.push(`${p.excluded} Excluded`);
  if (p.degraded > 0) parts.push(`${p.degraded} Degraded`);
  return parts.join(', ');
};
