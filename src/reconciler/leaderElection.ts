/**
 * Lease-based leader election (coordination.k8s.io/v1), decided by one pure function so the rules
 * can be tested without a server: the holder renews; anyone may take a lease that is free or has
 * not been renewed for `leaseDurationSeconds`. The write carries the read resourceVersion, so two
 * candidates racing for an expired lease cannot both win.
 */

export interface LeaseSpec {
  holderIdentity?: string | null;
  leaseDurationSeconds?: number | null;
  acquireTime?: string | null;
  renewTime?: string | null;
  leaseTransitions?: number | null;
}

export type LeaseDecision =
  | { action: 'create' | 'renew' | 'acquire'; spec: LeaseSpec }
  | { action: 'follow'; holder: string; expiresAtMs: number };

/** MicroTime as the API server writes it: RFC 3339 with six fractional digits. */
export const microTime = (ms: number): string =>
  new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

const parseTime = (value: string | null | undefined): number | null => {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
};

export interface LeaseDecisionInput {
  /** The current lease spec, or null when the Lease does not exist. */
  current: LeaseSpec | null;
  identity: string;
  nowMs: number;
  leaseDurationSeconds: number;
}

export const decideLease = ({
  current,
  identity,
  nowMs,
  leaseDurationSeconds,
}: LeaseDecisionInput): LeaseDecision => {
  const now = microTime(nowMs);
  if (current === null) {
    return {
      action: 'create',
      spec: {
        holderIdentity: identity,
        leaseDurationSeconds,
        acquireTime: now,
        renewTime: now,
        leaseTransitions: 0,
      },
    };
  }
  const holder = current.holderIdentity ?? '';
  if (holder === identity) {
    return { action: 'renew', spec: { ...current, leaseDurationSeconds, renewTime: now } };
  }
  const renewedAt = parseTime(current.renewTime) ?? parseTime(current.acquireTime);
  const duration = (current.leaseDurationSeconds ?? leaseDurationSeconds) * 1000;
  const expiresAtMs = renewedAt === null ? 0 : renewedAt + duration;
  if (holder !== '' && expiresAtMs > nowMs) {
    return { action: 'follow', holder, expiresAtMs };
  }
  return {
    action: 'acquire',
    spec: {
      holderIdentity: identity,
      leaseDurationSeconds,
      acquireTime: now,
      renewTime: now,
      leaseTransitions: (current.leaseTransitions ?? 0) + (holder === '' ? 0 : 1),
    },
  };
};

/** What a leader writes when it shuts down, so a follower can take over at once. */
export const releasedLease = (current: LeaseSpec, nowMs: number): LeaseSpec => ({
  ...current,
  holderIdentity: '',
  leaseDurationSeconds: 1,
  renewTime: microTime(nowMs),
});

/** A leader that could not renew for this long must stop acting. */
export const hasLostLease = (
  lastRenewMs: number,
  nowMs: number,
  renewDeadlineMs: number,
): boolean => nowMs - lastRenewMs > renewDeadlineMs;
