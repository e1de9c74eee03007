/**
 * Consequences of editing a kata RuntimeClass's `overhead.podFixed`.
 *
 * Findings are ids with parameters, never sentences: the plugin translates them. Blocking
 * findings mean the RuntimeClass must not be sent; the others explain what saving will do.
 */
import {
  compareQuantities,
  formatCpu,
  formatMemory,
  isNegativeQuantity,
  parseQuantity,
  quantityOf,
} from '../k8s/quantity';
import type { Quantity, QuantityParseErrorReason } from '../k8s/quantity';
import type { LimitRange, Node, ResourceList, ResourceQuota, RuntimeClass } from '../k8s/types';
import { KATA_RUNTIME_CLASS_OVERHEAD } from '../kataconfig/constants';
import type { BlockingPod } from './kataPods';

export type OverheadSeverity = 'danger' | 'warning' | 'info';
export type OverheadResource = 'cpu' | 'memory';

export const OVERHEAD_RESOURCES: readonly OverheadResource[] = ['cpu', 'memory'];

/**
 * What the operator sets on `kata` and `kata-remote`: measured at about 300Mi of QEMU and
 * virtiofsd memory per pod (upstream issues #75, #84). Less risks the VM being OOM-killed.
 */
export const MEASURED_DEFAULT_OVERHEAD: Readonly<Record<OverheadResource, string>> =
  KATA_RUNTIME_CLASS_OVERHEAD;

export type OverheadFinding =
  | {
      id: 'handlerRequired';
      severity: 'danger';
      blocking: true;
      params: Record<string, never>;
    }
  | {
      /** RuntimeClass.handler is immutable: the API server rejects any change. */
      id: 'handlerImmutable';
      severity: 'danger';
      blocking: true;
      params: { current: string; proposed: string };
    }
  | {
      id: 'invalidQuantity';
      severity: 'danger';
      blocking: true;
      params: { resource: string; value: string; reason: QuantityParseErrorReason };
    }
  | {
      /** The API server rejects negative overhead. */
      id: 'negativeQuantity';
      severity: 'danger';
      blocking: true;
      params: { resource: string; value: string };
    }
  | {
      /** No overhead for this resource: the VM's own usage is not accounted for at all. */
      id: 'overheadNotSet';
      severity: 'warning';
      blocking: false;
      params: { resource: OverheadResource; recommended: string };
    }
  | {
      /** Below the measured default: QEMU and virtiofsd may be OOM-killed or starved. */
      id: 'belowMeasuredDefault';
      severity: 'warning';
      blocking: false;
      params: { resource: OverheadResource; value: string; recommended: string };
    }
  | {
      /** Larger than a kata node can allocate: no kata pod can ever schedule there. */
      id: 'exceedsNodeAllocatable';
      severity: 'danger';
      blocking: false;
      params: {
        resource: OverheadResource;
        value: string;
        /** The kata node with the least allocatable of this resource. */
        node: string;
        allocatable: string;
        nodesAffected: number;
        nodesChecked: number;
      };
    }
  | {
      /** No kata node reported allocatable resources, so the size check could not run. */
      id: 'noNodesToCheck';
      severity: 'info';
      blocking: false;
      params: Record<string, never>;
    }
  | {
      /** The admission plugin copies overhead into pods at creation; running pods keep theirs. */
      id: 'appliesToNewPodsOnly';
      severity: 'info';
      blocking: false;
      params: { runningPods: number };
    }
  | {
      /** Overhead counts against requests/limits quotas in these namespaces. */
      id: 'quotaCountsOverhead';
      severity: 'warning';
      blocking: false;
      params: { namespaces: string[] };
    }
  | {
      /** Overhead counts towards a LimitRange's Pod max in these namespaces. */
      id: 'limitRangeCountsOverhead';
      severity: 'warning';
      blocking: false;
      params: { namespaces: string[] };
    };

export type OverheadFindingId = OverheadFinding['id'];

/** What the review reads of a pod: a scan record (toBlockingPod), not the whole Pod. */
export type ReviewedPod = Pick<BlockingPod, 'namespace' | 'runtimeClassName' | 'finished'>;

export interface OverheadReviewInput {
  /** The RuntimeClass as the user wants to save it. */
  proposed: RuntimeClass;
  /** The RuntimeClass on the server; absent when creating one. */
  current?: RuntimeClass | null;
  /** Candidate nodes; those not matching `proposed.scheduling.nodeSelector` are ignored. */
  nodes?: readonly Node[] | null;
  /**
   * The kata pods as the paged pod scan keeps them (at least those of this RuntimeClass), so
   * the review never needs every pod of the cluster.
   */
  pods?: readonly ReviewedPod[] | null;
  resourceQuotas?: readonly ResourceQuota[] | null;
  limitRanges?: readonly LimitRange[] | null;
}

export interface OverheadReview {
  /** Blocking findings first, then by severity (danger, warning, info). */
  findings: OverheadFinding[];
  /** False when a blocking finding means the object must not be sent. */
  canSave: boolean;
  /** The parsed overhead, for previews; a resource is absent when unset or invalid. */
  podFixed: Partial<Record<OverheadResource, Quantity>>;
}

const QUOTA_RESOURCES_COUNTING_OVERHEAD: readonly string[] = [
  'cpu',
  'memory',
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
];

const formatFor = (resource: OverheadResource, quantity: Quantity): string =>
  resource === 'cpu' ? formatCpu(quantity) : formatMemory(quantity);

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const displayValue = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

const sameOverhead = (left: ResourceList, right: ResourceList): boolean => {
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    const leftValue = parseQuantity(left[key]);
    const rightValue = parseQuantity(right[key]);
    if (leftValue.ok !== rightValue.ok) return false;
    if (leftValue.ok && rightValue.ok && leftValue.value.nanos !== rightValue.value.nanos) {
      return false;
    }
    if (!leftValue.ok && left[key] !== right[key]) return false;
  }
  return true;
};

const podFixedOf = (runtimeClass: RuntimeClass | null | undefined): ResourceList =>
  asRecord(asRecord(asRecord(runtimeClass).overhead).podFixed) as ResourceList;

/** RuntimeClass scheduling.nodeSelector is a plain map: every entry must be on the node. */
const nodeSelectorMatches = (selector: Record<string, unknown>, node: Node): boolean => {
  const labels = asRecord(node.metadata?.labels);
  return Object.entries(selector).every(
    ([key, value]) => Object.hasOwn(labels, key) && labels[key] === value,
  );
};

const checkQuantities = (
  podFixed: ResourceList,
  findings: OverheadFinding[],
): Partial<Record<OverheadResource, Quantity>> => {
  const parsed: Partial<Record<OverheadResource, Quantity>> = {};
  for (const [resource, raw] of Object.entries(podFixed)) {
    const value = displayValue(raw);
    const result = parseQuantity(raw);
    if (!result.ok) {
      findings.push({
        id: 'invalidQuantity',
        severity: 'danger',
        blocking: true,
        params: { resource, value, reason: result.reason },
      });
    } else if (isNegativeQuantity(result.value)) {
      findings.push({
        id: 'negativeQuantity',
        severity: 'danger',
        blocking: true,
        params: { resource, value },
      });
    } else if (resource === 'cpu' || resource === 'memory') {
      parsed[resource] = result.value;
    }
  }
  return parsed;
};

const checkAgainstDefaults = (
  podFixed: ResourceList,
  parsed: Partial<Record<OverheadResource, Quantity>>,
  findings: OverheadFinding[],
): void => {
  for (const resource of OVERHEAD_RESOURCES) {
    const recommended = MEASURED_DEFAULT_OVERHEAD[resource];
    const quantity = parsed[resource];
    if (!Object.hasOwn(podFixed, resource)) {
      findings.push({
        id: 'overheadNotSet',
        severity: 'warning',
        blocking: false,
        params: { resource, recommended },
      });
    } else if (quantity && compareQuantities(quantity, quantityOf(recommended)) < 0) {
      findings.push({
        id: 'belowMeasuredDefault',
        severity: 'warning',
        blocking: false,
        params: { resource, value: formatFor(resource, quantity), recommended },
      });
    }
  }
};

const checkAgainstNodes = (
  nodeSelector: Record<string, unknown>,
  nodes: readonly Node[],
  parsed: Partial<Record<OverheadResource, Quantity>>,
  findings: OverheadFinding[],
): void => {
  const kataNodes = nodes.filter((node) => nodeSelectorMatches(nodeSelector, node));
  let anyNodeChecked = false;
  for (const resource of OVERHEAD_RESOURCES) {
    const overhead = parsed[resource];
    const sized = kataNodes.flatMap((node) => {
      const allocatable = parseQuantity(asRecord(node.status?.allocatable)[resource]);
      return allocatable.ok
        ? [{ name: node.metadata?.name ?? '', allocatable: allocatable.value }]
        : [];
    });
    if (sized.length > 0) anyNodeChecked = true;
    if (!overhead || sized.length === 0) continue;
    const smallest = sized.reduce((least, candidate) =>
      compareQuantities(candidate.allocatable, least.allocatable) < 0 ? candidate : least,
    );
    const nodesAffected = sized.filter(
      ({ allocatable }) => compareQuantities(overhead, allocatable) > 0,
    ).length;
    if (nodesAffected > 0) {
      findings.push({
        id: 'exceedsNodeAllocatable',
        severity: 'danger',
        blocking: false,
        params: {
          resource,
          value: formatFor(resource, overhead),
          node: smallest.name,
          allocatable: formatFor(resource, smallest.allocatable),
          nodesAffected,
          nodesChecked: sized.length,
        },
      });
    }
  }
  if (!anyNodeChecked && Object.keys(parsed).length > 0) {
    findings.push({ id: 'noNodesToCheck', severity: 'info', blocking: false, params: {} });
  }
};

const namespacesWithRunningPods = (
  runtimeClassName: string,
  pods: readonly ReviewedPod[],
): { namespaces: Set<string>; runningPods: number } => {
  const namespaces = new Set<string>();
  let runningPods = 0;
  for (const pod of pods) {
    if (!runtimeClassName || pod.runtimeClassName !== runtimeClassName) continue;
    if (pod.finished) continue;
    runningPods += 1;
    if (pod.namespace) namespaces.add(pod.namespace);
  }
  return { namespaces, runningPods };
};

const quotaCountsOverhead = (quota: ResourceQuota): boolean => {
  const hard = { ...asRecord(quota.status?.hard), ...asRecord(quota.spec?.hard) };
  return QUOTA_RESOURCES_COUNTING_OVERHEAD.some((resource) => Object.hasOwn(hard, resource));
};

const limitRangeCountsOverhead = (limitRange: LimitRange): boolean => {
  const limits: unknown = limitRange.spec?.limits;
  if (!Array.isArray(limits)) return false;
  return limits.some((item: unknown) => {
    const { type, max } = asRecord(item);
    const maxima = asRecord(max);
    return type === 'Pod' && (Object.hasOwn(maxima, 'cpu') || Object.hasOwn(maxima, 'memory'));
  });
};

const namespacesOf = <T extends { metadata?: { namespace?: string } }>(
  objects: readonly T[],
  inScope: Set<string>,
  counts: (object: T) => boolean,
): string[] =>
  [
    ...new Set(
      objects
        .filter((object) => inScope.has(object.metadata?.namespace ?? '') && counts(object))
        .map((object) => object.metadata?.namespace ?? ''),
    ),
  ].sort();

const SEVERITY_ORDER: Record<OverheadSeverity, number> = { danger: 0, warning: 1, info: 2 };

const byImportance = (left: OverheadFinding, right: OverheadFinding): number =>
  Number(right.blocking) - Number(left.blocking) ||
  SEVERITY_ORDER[left.severity] - SEVERITY_ORDER[right.severity];

/** Reviews a proposed RuntimeClass overhead against the cluster it would apply to. */
export const reviewOverheadChange = (input: OverheadReviewInput): OverheadReview => {
  const findings: OverheadFinding[] = [];
  // Read through asRecord: the proposal comes from a YAML editor and may be any shape.
  const proposed = asRecord(input.proposed);
  const handler = displayValue(proposed.handler);
  const current = input.current ?? undefined;

  if (handler === '') {
    findings.push({ id: 'handlerRequired', severity: 'danger', blocking: true, params: {} });
  } else if (current && displayValue(current.handler) !== handler) {
    findings.push({
      id: 'handlerImmutable',
      severity: 'danger',
      blocking: true,
      params: { current: displayValue(current.handler), proposed: handler },
    });
  }

  const podFixed = podFixedOf(input.proposed);
  const parsed = checkQuantities(podFixed, findings);
  checkAgainstDefaults(podFixed, parsed, findings);
  const nodeSelector = asRecord(asRecord(proposed.scheduling).nodeSelector);
  checkAgainstNodes(nodeSelector, input.nodes ?? [], parsed, findings);

  const runtimeClassName =
    displayValue(asRecord(proposed.metadata).name) || displayValue(current?.metadata?.name);
  const { namespaces, runningPods } = namespacesWithRunningPods(runtimeClassName, input.pods ?? []);
  if (current && !sameOverhead(podFixedOf(current), podFixed)) {
    findings.push({
      id: 'appliesToNewPodsOnly',
      severity: 'info',
      blocking: false,
      params: { runningPods },
    });
  }
  const quotaNamespaces = namespacesOf(input.resourceQuotas ?? [], namespaces, quotaCountsOverhead);
  if (quotaNamespaces.length > 0) {
    findings.push({
      id: 'quotaCountsOverhead',
      severity: 'warning',
      blocking: false,
      params: { namespaces: quotaNamespaces },
    });
  }
  const limitNamespaces = namespacesOf(
    input.limitRanges ?? [],
    namespaces,
    limitRangeCountsOverhead,
  );
  if (limitNamespaces.length > 0) {
    findings.push({
      id: 'limitRangeCountsOverhead',
      severity: 'warning',
      blocking: false,
      params: { namespaces: limitNamespaces },
    });
  }

  findings.sort(byImportance);
  return { findings, canSave: !findings.some((finding) => finding.blocking), podFixed: parsed };
};
