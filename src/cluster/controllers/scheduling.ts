/**
 * The scheduler's filter logic as pure functions: node readiness, taints and tolerations, node
 * selector, and resource fit (requests plus pod overhead against allocatable). The reasons and
 * the summary message follow kube-scheduler's wording, e.g.
 * `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.`
 */
import { compileLabelSelector } from '../../shared/k8s/labelSelector';
import type { Quantity } from '../../shared/k8s/quantity';
import {
  addQuantities,
  compareQuantities,
  parseQuantity,
  ZERO_QUANTITY,
} from '../../shared/k8s/quantity';
import type { Node, Pod, ResourceList, Taint, Toleration } from '../../shared/k8s/types';
import { isPodFinished } from '../../shared/workloads/kataPods';

export type Resources = Map<string, Quantity>;

const quantity = (value: unknown): Quantity => {
  const parsed = parseQuantity(value);
  return parsed.ok ? parsed.value : ZERO_QUANTITY;
};

const addInto = (target: Resources, list: ResourceList | undefined): void => {
  for (const [name, value] of Object.entries(list ?? {})) {
    target.set(name, addQuantities(target.get(name) ?? ZERO_QUANTITY, quantity(value)));
  }
};

/**
 * What a pod asks of a node: the sum of its containers' requests, at least the largest init
 * container's request per resource, plus the RuntimeClass overhead.
 */
export const podRequests = (pod: Pod): Resources => {
  const total: Resources = new Map();
  for (const container of pod.spec?.containers ?? []) addInto(total, container.resources?.requests);
  for (const init of pod.spec?.initContainers ?? []) {
    for (const [name, value] of Object.entries(init.resources?.requests ?? {})) {
      const q = quantity(value);
      const current = total.get(name);
      if (!current || compareQuantities(q, current) > 0) total.set(name, q);
    }
  }
  addInto(total, pod.spec?.overhead);
  return total;
};

export const isNodeReady = (node: Node): boolean =>
  node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

const tolerates = (toleration: Toleration, taint: Taint): boolean => {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.operator === 'Exists') return !toleration.key || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '');
};

/** The first NoSchedule/NoExecute taint the pod does not tolerate. */
export const untoleratedTaint = (
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): Taint | undefined =>
  taints.find(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
      !tolerations.some((toleration) => tolerates(toleration, taint)),
  );

/** The taints a node effectively has: a node that is not Ready counts as tainted not-ready. */
const effectiveTaints = (node: Node): Taint[] => {
  const taints = [...(node.spec?.taints ?? [])];
  if (!isNodeReady(node) && !taints.some((t) => t.key === 'node.kubernetes.io/not-ready')) {
    taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' });
  }
  return taints;
};

export interface NodeUsage {
  requested: Resources;
  pods: number;
}

/** What the non-finished pods bound to each node already request. */
export const nodeUsage = (pods: readonly Pod[]): Map<string, NodeUsage> => {
  const usage = new Map<string, NodeUsage>();
  for (const pod of pods) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || isPodFinished(pod)) continue;
    const entry = usage.get(nodeName) ?? { requested: new Map<string, Quantity>(), pods: 0 };
    for (const [name, q] of podRequests(pod)) {
      entry.requested.set(name, addQuantities(entry.requested.get(name) ?? ZERO_QUANTITY, q));
    }
    entry.pods += 1;
    usage.set(nodeName, entry);
  }
  return usage;
};

/** Why a node cannot take the pod (one or more of kube-scheduler's reasons), or [] if it fits. */
export const nodeRejections = (pod: Pod, node: Node, usage: NodeUsage | undefined): string[] => {
  const tolerations = pod.spec?.tolerations ?? [];
  if (
    node.spec?.unschedulable === true &&
    !tolerations.some((t) =>
      tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }),
    )
  ) {
    return ['node(s) were unschedulable'];
  }
  const taint = untoleratedTaint(effectiveTaints(node), tolerations);
  if (taint) return [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`];
  const selector = compileLabelSelector(
    { matchLabels: pod.spec?.nodeSelector ?? {} },
    'matchesEverything',
  );
  if (!selector.matches(node.metadata?.labels)) {
    return ["node(s) didn't match Pod's node affinity/selector"];
  }
  const allocatable = node.status?.allocatable ?? {};
  const reasons: string[] = [];
  const podLimit = allocatable.pods === undefined ? undefined : quantity(allocatable.pods);
  if (podLimit && BigInt(usage?.pods ?? 0) + 1n > podLimit.nanos / 1_000_000_000n) {
    reasons.push('Too many pods');
  }
  for (const [name, wanted] of podRequests(pod)) {
    if (wanted.nanos <= 0n) continue;
    const used = usage?.requested.get(name) ?? ZERO_QUANTITY;
    const free = quantity(allocatable[name] ?? '0');
    if (compareQuantities(addQuantities(used, wanted), free) > 0)
      reasons.push(`Insufficient ${name}`);
  }
  return reasons;
};

/** Resource shortages can be helped by preemption in principle; the other reasons cannot. */
const RESOURCE_REASON = /^(Insufficient |Too many pods)/;

/** kube-scheduler's FitError message for a pod no node can take. */
export const unschedulableMessage = (
  nodeCount: number,
  rejections: readonly string[][],
): string => {
  if (nodeCount === 0) return 'no nodes available to schedule pods';
  const histogram = new Map<string, number>();
  for (const reasons of rejections) {
    for (const reason of reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
  }
  const summary = [...histogram.entries()]
    .map(([reason, count]) => `${count} ${reason}`)
    .sort()
    .join(', ');
  const resourceOnly = rejections.filter(
    (reasons) => reasons.length > 0 && reasons.every((r) => RESOURCE_REASON.test(r)),
  ).length;
  const preemption = [
    ...(nodeCount - resourceOnly > 0
      ? [`${nodeCount - resourceOnly} Preemption is not helpful for scheduling`]
      : []),
    ...(resourceOnly > 0 ? [`${resourceOnly} No preemption victims found for incoming pod`] : []),
  ].join(', ');
  return `0/${nodeCount} nodes are available: ${summary}. preemption: 0/${nodeCount} nodes are available: ${preemption}.`;
};

export type PlacementResult = { node: Node } | { message: string };

/**
 * Picks a node for the pod: among the nodes that pass every filter, the one with the fewest
 * pods (then by name), a simple stand-in for the scoring plugins' spreading.
 */
export const placePod = (
  pod: Pod,
  nodes: readonly Node[],
  usage: Map<string, NodeUsage>,
): PlacementResult => {
  const rejections: string[][] = [];
  const feasible: Node[] = [];
  for (const node of nodes) {
    const reasons = nodeRejections(pod, node, usage.get(node.metadata?.name ?? ''));
    if (reasons.length === 0) feasible.push(node);
    else rejections.push(reasons);
  }
  const podsOn = (node: Node): number => usage.get(node.metadata?.name ?? '')?.pods ?? 0;
  const best = feasible.sort(
    (a, b) =>
      podsOn(a) - podsOn(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
  )[0];
  return best ? { node: best } : { message: unschedulableMessage(nodes.length, rejections) };
};
