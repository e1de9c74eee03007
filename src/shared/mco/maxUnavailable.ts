/**
 * `spec.maxUnavailable` as the MCO node controller resolves it: an integer, or a percentage of
 * the pool's nodes rounded down; 0 means 1; the arbiter pool always updates one node at a time.
 */
import { DEFAULT_MAX_UNAVAILABLE, PoolName } from './constants';
import type { IntOrString } from './types';

/** Why a `maxUnavailable` cannot be used; `value` is what the pool says, as text. */
export interface MaxUnavailableError {
  id: 'notAnInteger' | 'notIntegerOrPercentage' | 'negative';
  params: { value: string };
}

export type MaxUnavailable =
  { ok: true; value: number } | { ok: false; error: MaxUnavailableError };

const invalid = (id: MaxUnavailableError['id'], raw: IntOrString): MaxUnavailable => ({
  ok: false,
  error: { id, params: { value: String(raw) } },
});

const PERCENT = /^(-?\d+)%$/;

export const resolveMaxUnavailable = (
  raw: IntOrString | null | undefined,
  machineCount: number,
  poolName?: string,
): MaxUnavailable => {
  if (poolName === PoolName.arbiter) return { ok: true, value: 1 };
  let value: number;
  if (raw === undefined || raw === null) {
    value = DEFAULT_MAX_UNAVAILABLE;
  } else if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) return invalid('notAnInteger', raw);
    value = raw;
  } else {
    // A string must be a percentage; "2" is rejected by the MCO as well.
    const match = PERCENT.exec(raw);
    if (!match?.[1]) return invalid('notIntegerOrPercentage', raw);
    const count = Number.isInteger(machineCount) && machineCount > 0 ? machineCount : 0;
    value = Math.floor((Number(match[1]) * count) / 100);
  }
  if (value < 0) return invalid('negative', raw ?? value);
  return { ok: true, value: value === 0 ? 1 : value };
};
