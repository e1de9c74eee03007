/**
 * `spec.maxUnavailable` as the MCO node controller resolves it: an integer, or a percentage of
 * the pool's nodes rounded down; 0 means 1; the arbiter pool always updates one node at a time.
 */
import { DEFAULT_MAX_UNAVAILABLE, PoolName } from './constants';
import type { IntOrString } from './types';

export type MaxUnavailable = { ok: true; value: number } | { ok: false; error: string };

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
    if (!Number.isInteger(raw))
      return { ok: false, error: `maxUnavailable ${raw} is not an integer` };
    value = raw;
  } else {
    // A string must be a percentage; "2" is rejected by the MCO as well.
    const match = PERCENT.exec(raw);
    if (!match?.[1]) {
      return { ok: false, error: `maxUnavailable "${raw}" is neither an integer nor a percentage` };
    }
    const count = Number.isInteger(machineCount) && machineCount > 0 ? machineCount : 0;
    value = Math.floor((Number(match[1]) * count) / 100);
  }
  if (value < 0) return { ok: false, error: `maxUnavailable ${String(raw)} is negative` };
  return { ok: true, value: value === 0 ? 1 : value };
};
