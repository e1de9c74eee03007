/**
 * Editing a RuntimeClass's `overhead.podFixed` CPU and memory: which classes are kata classes,
 * what the user typed as a proposal, the old → new diff, a compact summary, and the JSON patch.
 *
 * The patch carries the resourceVersion the user started from: the API server treats a patched
 * object whose resourceVersion differs from the stored one as a stale write and answers
 * 409 Conflict, so a change made meanwhile is never silently overwritten.
 */
import { parseQuantity, quantitiesEqual } from '../k8s/quantity';
import type { ResourceList, RuntimeClass } from '../k8s/types';
import { KATA_RUNTIME_HANDLER, PEER_PODS_RUNTIME_HANDLER } from '../kataconfig/constants';
import { MEASURED_DEFAULT_OVERHEAD, OVERHEAD_RESOURCES } from './overheadRules';
import type { OverheadResource } from './overheadRules';

/** The CPU and memory the user typed, verbatim (validation happens in the review). */
export type OverheadDraft = Record<OverheadResource, string>;

/** An RFC 6902 operation, the shape the console SDK's `k8sPatch` sends. */
export interface JsonPatchOperation {
  op: 'add' | 'replace' | 'remove' | 'test';
  path: string;
  value?: unknown;
}

const KATA_HANDLERS: readonly string[] = [KATA_RUNTIME_HANDLER, PEER_PODS_RUNTIME_HANDLER];

/** Why a RuntimeClass counts as a kata class, or `notKata`. */
export type KataRuntimeClassReason = 'kataHandler' | 'listedByKataConfig' | 'notKata';

/** A KataConfig's runtime class list, read structurally so any KataConfig type fits. */
interface RuntimeClassLister {
  status?: { runtimeClasses?: readonly string[] | null } | null;
}

/**
 * A kata class runs its pods in a VM, so the overhead matters: the handler is one the operator
 * installs (`kata`, `kata-remote`), or a KataConfig lists the class in `status.runtimeClasses`.
 */
export const kataRuntimeClassReason = (
  runtimeClass: RuntimeClass | null | undefined,
  kataConfigs: readonly RuntimeClassLister[] | null | undefined,
): KataRuntimeClassReason => {
  if (KATA_HANDLERS.includes(runtimeClass?.handler ?? '')) return 'kataHandler';
  const name = runtimeClass?.metadata?.name;
  const listed = (kataConfigs ?? []).some((kataConfig) => {
    const names: unknown = kataConfig.status?.runtimeClasses;
    return Array.isArray(names) && name !== undefined && names.includes(name);
  });
  return listed ? 'listedByKataConfig' : 'notKata';
};

const podFixedOf = (runtimeClass: RuntimeClass | null | undefined): ResourceList => {
  const podFixed: unknown = runtimeClass?.overhead?.podFixed;
  return typeof podFixed === 'object' && podFixed !== null && !Array.isArray(podFixed)
    ? (podFixed as ResourceList)
    : {};
};

const asText = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** What the editor starts with: the class's current values, empty where unset. */
export const overheadDraftOf = (runtimeClass: RuntimeClass | null | undefined): OverheadDraft => {
  const podFixed = podFixedOf(runtimeClass);
  return { cpu: asText(podFixed.cpu), memory: asText(podFixed.memory) };
};

/**
 * The RuntimeClass as it would be saved: CPU and memory from the draft, every other podFixed
 * resource (e.g. ephemeral-storage) kept. Text goes as typed: the review rejects any space.
 */
export const proposedRuntimeClass = (
  runtimeClass: RuntimeClass,
  draft: OverheadDraft,
): RuntimeClass => ({
  ...runtimeClass,
  overhead: {
    ...runtimeClass.overhead,
    podFixed: { ...podFixedOf(runtimeClass), cpu: draft.cpu, memory: draft.memory },
  },
});

/**
 * The draft on top of a newer version of the object (after a conflict): what the user typed
 * stays, the fields they did not touch take the newer values.
 */
export const rebaseOverheadDraft = (
  latest: RuntimeClass | null | undefined,
  draft: OverheadDraft,
  touched: readonly OverheadResource[],
): OverheadDraft => {
  const rebased = overheadDraftOf(latest);
  for (const resource of touched) rebased[resource] = draft[resource];
  return rebased;
};

/** Two quantity texts mean the same amount (`0.25` and `250m`), or are the same text. */
const sameQuantity = (left: string | undefined, right: string | undefined): boolean => {
  if (left === right) return true;
  const parsedLeft = parseQuantity(left);
  const parsedRight = parseQuantity(right);
  return parsedLeft.ok && parsedRight.ok && quantitiesEqual(parsedLeft.value, parsedRight.value);
};

export interface OverheadDiffRow {
  resource: OverheadResource;
  /** Absent when the class does not set it. */
  before?: string;
  after: string;
  changed: boolean;
}

/** CPU and memory, old and new, for the confirmation before saving. */
export const overheadDiff = (
  runtimeClass: RuntimeClass | null | undefined,
  draft: OverheadDraft,
): OverheadDiffRow[] => {
  const podFixed = podFixedOf(runtimeClass);
  return OVERHEAD_RESOURCES.map((resource) => {
    const before = Object.hasOwn(podFixed, resource) ? asText(podFixed[resource]) : undefined;
    const after = draft[resource];
    return {
      resource,
      ...(before === undefined ? {} : { before }),
      after,
      changed: !sameQuantity(before, after),
    };
  });
};

/** Whether saving the draft would change anything at all. */
export const overheadDraftChanged = (
  runtimeClass: RuntimeClass | null | undefined,
  draft: OverheadDraft,
): boolean => overheadDiff(runtimeClass, draft).some((row) => row.changed);

/**
 * JSON patch setting `overhead.podFixed` CPU and memory. The first operation writes the
 * resourceVersion the draft was based on: if the stored object moved on, the server answers 409.
 */
export const overheadPatch = (base: RuntimeClass, draft: OverheadDraft): JsonPatchOperation[] => {
  const resourceVersion = base.metadata?.resourceVersion;
  const precondition: JsonPatchOperation[] = resourceVersion
    ? [{ op: 'replace', path: '/metadata/resourceVersion', value: resourceVersion }]
    : [];
  // `add` on an existing member replaces it (RFC 6902 §4.1), so this works with or without one.
  return [
    ...precondition,
    { op: 'add', path: '/overhead', value: proposedRuntimeClass(base, draft).overhead },
  ];
};

/** `default`: equals what the operator sets; `edited`: differs; `notSet`: the class has none. */
export type OverheadOrigin = 'default' | 'edited' | 'notSet';

export interface OverheadSummary {
  cpu?: string;
  memory?: string;
  origin: OverheadOrigin;
}

/** One line per class for the KataConfig page: values and whether they are the defaults. */
export const summarizeOverhead = (
  runtimeClass: RuntimeClass | null | undefined,
): OverheadSummary => {
  const podFixed = podFixedOf(runtimeClass);
  const values: Partial<Record<OverheadResource, string>> = {};
  for (const resource of OVERHEAD_RESOURCES) {
    if (Object.hasOwn(podFixed, resource)) values[resource] = asText(podFixed[resource]);
  }
  if (values.cpu === undefined && values.memory === undefined) return { origin: 'notSet' };
  const isDefault = OVERHEAD_RESOURCES.every((resource) =>
    sameQuantity(values[resource], MEASURED_DEFAULT_OVERHEAD[resource]),
  );
  return { ...values, origin: isDefault ? 'default' : 'edited' };
};
