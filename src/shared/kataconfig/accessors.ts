/**
 * Tolerant readers for KataConfig objects as they arrive from the API: any field may be missing,
 * null or of the wrong type, and none of these functions throws.
 */
import { IN_PROGRESS_CONDITION_TYPE } from './constants';
import type { KataConfigCondition, KataNodeListName, KataNodesStatus } from './types';
import { KATA_NODE_LISTS } from './types';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The array itself, or an empty one when API data put something else (or nothing) there. */
export const arrayOrEmpty = <T>(value: readonly T[] | null | undefined): readonly T[] =>
  isTypedArray(value) ? value : [];

// Array.isArray narrows to any[]; this keeps the element type.
const isTypedArray = <T>(value: readonly T[] | null | undefined): value is readonly T[] =>
  Array.isArray(value);

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const countOf = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;

const statusOf = (kataConfig: unknown): Record<string, unknown> => {
  if (!isRecord(kataConfig)) {
    return {};
  }
  return isRecord(kataConfig.status) ? kataConfig.status : {};
};

/** `kataNodes` with every list present (possibly empty) and counts that are never negative. */
export type NormalizedKataNodes = Record<KataNodeListName, string[]> & {
  /** Null when the operator has not written a count yet. */
  nodeCount: number | null;
  readyNodeCount: number | null;
};

export const normalizeKataNodes = (kataNodes: unknown): NormalizedKataNodes => {
  const source: Record<string, unknown> = isRecord(kataNodes) ? kataNodes : {};
  const lists = Object.fromEntries(
    KATA_NODE_LISTS.map((list) => [list, stringsOf(source[list])]),
  ) as Record<KataNodeListName, string[]>;
  return {
    ...lists,
    nodeCount: countOf(source.nodeCount),
    readyNodeCount: countOf(source.readyNodeCount),
  };
};

export const kataNodesOf = (kataConfig: unknown): NormalizedKataNodes =>
  normalizeKataNodes(statusOf(kataConfig).kataNodes);

/** `status.runtimeClasses`, or 1.5.0's `status.runtimeClass` list. */
export const runtimeClassesOf = (kataConfig: unknown): string[] => {
  const status = statusOf(kataConfig);
  if (Array.isArray(status.runtimeClasses)) {
    return stringsOf(status.runtimeClasses);
  }
  return stringsOf(status.runtimeClass);
};

export const isWaitingForMcoToStart = (kataConfig: unknown): boolean =>
  statusOf(kataConfig).waitingForMcoToStart === true;

/** The InProgress condition with its string fields defaulted, or null when there is none. */
export const findInProgressCondition = (
  kataConfig: unknown,
): Required<KataConfigCondition> | null => {
  const conditions = statusOf(kataConfig).conditions;
  if (!Array.isArray(conditions)) {
    return null;
  }
  const found: unknown = conditions.find(
    (condition: unknown) => isRecord(condition) && condition.type === IN_PROGRESS_CONDITION_TYPE,
  );
  if (!isRecord(found)) {
    return null;
  }
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    type: IN_PROGRESS_CONDITION_TYPE,
    status: text(found.status),
    reason: text(found.reason),
    message: text(found.message),
    lastTransitionTime: text(found.lastTransitionTime),
  };
};

/** Counts and lists as the wire format wants them: empty lists omitted, as upstream's omitempty. */
export const compactKataNodes = (kataNodes: NormalizedKataNodes): KataNodesStatus => {
  const result: KataNodesStatus = {
    nodeCount: kataNodes.nodeCount ?? 0,
    readyNodeCount: kataNodes.readyNodeCount ?? 0,
  };
  for (const list of KATA_NODE_LISTS) {
    if (kataNodes[list].length > 0) {
      result[list] = [...kataNodes[list]];
    }
  }
  return result;
};
