import type { NodeRolloutPhase } from './nodePhase';
import {
  estimateRemaining,
  etaInputFromTimings,
  recordNodeTimings,
  type EtaUnknownReason,
  type RolloutEta,
} from './rolloutEta';

const unknownReason = (eta: RolloutEta): EtaUnknownReason | undefined =>
  eta.kind === 'unknown' ? eta.reason : undefined;

const MIN = 60_000;
const base = { completedDurationsMs: [], inProgressElapsedMs: [], queued: 0, maxUnavailable: 1 };

describe('estimateRemaining', () => {
  it("is 'unknown' when no node has finished yet", () => {
    const eta = estimateRemaining({ ...base, queued: 3, inProgressElapsedMs: [MIN] });
    expect(unknownReason(eta)).toEqual({ id: 'noNodeFinishedYet', params: {} });
  });

  it("is 'done' when nothing is left", () => {
    expect(estimateRemaining({ ...base, completedDurationsMs: [5 * MIN] })).toEqual({
      kind: 'done',
    });
  });

  it('one at a time: the running node finishes, then each queued node takes the median', () => {
    // Fixture 03's workers took about 5m50s each with maxUnavailable 1.
    const eta = estimateRemaining({
      ...base,
      completedDurationsMs: [350_000, 351_000, 343_000],
      inProgressElapsedMs: [50_000],
      queued: 2,
    });
    expect(eta).toEqual({
      kind: 'estimate',
      remainingMs: 300_000 + 2 * 350_000,
      perNodeMs: 350_000,
      samples: 3,
      overdue: 0,
    });
  });

  it('parallel slots: 5 queued nodes, 2 at a time, 10 min each → 30 min', () => {
    const eta = estimateRemaining({
      ...base,
      completedDurationsMs: [10 * MIN],
      queued: 5,
      maxUnavailable: 2,
    });
    expect(eta).toMatchObject({ kind: 'estimate', remainingMs: 30 * MIN });
  });

  it('more nodes running than slots: queued nodes wait for the count to drop', () => {
    const eta = estimateRemaining({
      ...base,
      completedDurationsMs: [10 * MIN],
      inProgressElapsedMs: [0, 5 * MIN, 8 * MIN],
      queued: 1,
      maxUnavailable: 2,
    });
    // Finishes at 2, 5, 10 min; the queued node starts at 5 (two running → one) and ends at 15.
    expect(eta).toMatchObject({ remainingMs: 15 * MIN });
  });

  it('counts nodes slower than usual as overdue instead of negative time', () => {
    const eta = estimateRemaining({
      ...base,
      completedDurationsMs: [5 * MIN],
      inProgressElapsedMs: [9 * MIN],
    });
    expect(eta).toMatchObject({ kind: 'estimate', remainingMs: 0, overdue: 1 });
  });

  it.each([
    [
      { degraded: 1, queued: 2 },
      { id: 'nodeDegraded', params: { degraded: 1 } },
    ],
    [
      { paused: true, queued: 2 },
      { id: 'pausedWithQueuedNodes', params: { queued: 2 } },
    ],
    [
      { queued: 2, maxUnavailable: 0 },
      { id: 'maxUnavailableUnusable', params: {} },
    ],
    [
      { queued: 2, maxUnavailable: Number.NaN },
      { id: 'maxUnavailableUnusable', params: {} },
    ],
    [
      { queued: 2, otherUnavailable: 1 },
      { id: 'slotsTakenByUnavailableNodes', params: { otherUnavailable: 1 } },
    ],
    [
      { queued: 2, unknownNodes: 1 },
      { id: 'nodesInUnknownState', params: { unknownNodes: 1 } },
    ],
  ])('%j → unknown', (extra, reason) => {
    const eta = estimateRemaining({ ...base, completedDurationsMs: [MIN], ...extra });
    expect(unknownReason(eta)).toEqual(reason);
  });

  it('ignores invalid samples', () => {
    const eta = estimateRemaining({
      ...base,
      completedDurationsMs: [Number.NaN, -5, 4 * MIN],
      queued: 1,
    });
    expect(eta).toMatchObject({ kind: 'estimate', perNodeMs: 4 * MIN, samples: 1 });
  });
});

const phase = (node: string, p: NodeRolloutPhase['phase'], since?: string): NodeRolloutPhase => ({
  node,
  phase: p,
  step: 'unknown',
  since,
  source: 'annotations',
  targeted: true,
});

describe('recordNodeTimings and etaInputFromTimings', () => {
  it('times a node from first seen working to seen done, and feeds the ETA', () => {
    let timings = recordNodeTimings(
      new Map(),
      [phase('a', 'draining', '2025-01-01T10:00:00Z'), phase('b', 'queued')],
      '2025-01-01T10:01:00Z',
    );
    expect(timings).toEqual(new Map([['a', { startedAt: '2025-01-01T10:00:00Z' }]]));
    timings = recordNodeTimings(
      timings,
      [phase('a', 'rebooting'), phase('b', 'queued')],
      '2025-01-01T10:04:00Z',
    );
    expect(timings.get('a')).toEqual({ startedAt: '2025-01-01T10:00:00Z' });
    const now = '2025-01-01T10:06:00Z';
    const phases = [phase('a', 'done'), phase('b', 'draining')];
    timings = recordNodeTimings(timings, phases, now);
    expect(timings.get('a')).toEqual({ startedAt: '2025-01-01T10:00:00Z', finishedAt: now });
    const input = etaInputFromTimings(timings, phases, now, 1);
    expect(input).toMatchObject({
      completedDurationsMs: [6 * MIN],
      inProgressElapsedMs: [0],
      queued: 0,
    });
    expect(estimateRemaining(input)).toMatchObject({ kind: 'estimate', remainingMs: 6 * MIN });
  });

  it('a node already done when first seen gives no sample', () => {
    const none = new Map();
    const timings = recordNodeTimings(none, [phase('a', 'done')], '2025-01-01T10:00:00Z');
    expect(timings).toBe(none);
    const input = etaInputFromTimings(
      timings,
      [phase('a', 'done'), phase('b', 'queued')],
      '2025-01-01T10:00:00Z',
      1,
    );
    expect(estimateRemaining(input).kind).toBe('unknown');
  });
});
