/**
 * A deduplicating, rate-limited work queue in the style of client-go's workqueue: a key is
 * queued at most once, never processed by two workers at once (a key added while it is being
 * processed runs again afterwards), and retried with per-key exponential backoff.
 */

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 60_000 };

/** Delay before retry number `failures` (1 for the first retry): base * 2^(n-1), capped. */
export const backoffDelay = (
  failures: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number => {
  const exponent = Math.max(0, Math.min(30, Math.floor(failures) - 1));
  return Math.min(options.maxMs, options.baseMs * 2 ** exponent);
};

export type RetryClass = 'backoff' | 'slow';

/**
 * How to retry a failed reconcile: conflicts (409), throttling (429), server errors (5xx) and
 * transport errors (no status) back off quickly; anything else (403, 422, ...) waits as upstream
 * does (15 s) since retrying sooner cannot help.
 */
export const classifyError = (status: number | undefined): RetryClass =>
  status === undefined || status === 409 || status === 429 || status >= 500 ? 'backoff' : 'slow';

export interface Clock {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

export interface WorkQueueOptions {
  backoff?: BackoffOptions;
  /** Overall rate limit: at most `burst` keys at once, refilled at `perSecond`. */
  perSecond?: number;
  burst?: number;
  clock?: Clock;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { at: number; handle: unknown }>();
  private waiters: ((key: string | null) => void)[] = [];
  private shuttingDown = false;
  private tokens: number;
  private lastRefill: number;
  private readonly backoff: BackoffOptions;
  private readonly perSecond: number;
  private readonly burst: number;
  private readonly clock: Clock;
  private refillTimer: unknown = null;

  constructor(options: WorkQueueOptions = {}) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.perSecond = options.perSecond ?? 10;
    this.burst = options.burst ?? 100;
    this.clock = options.clock ?? systemClock;
    this.tokens = this.burst;
    this.lastRefill = this.clock.now();
  }

  /** Keys waiting to be processed, including delayed ones. */
  depth(): number {
    return this.queued.size + this.delayed.size;
  }

  add(key: string): void {
    if (this.shuttingDown) return;
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.dispatch();
  }

  /** Adds the key after `ms`; an earlier pending time for the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = this.clock.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    if (pending) this.clock.clearTimeout(pending.handle);
    const handle = this.clock.setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    this.delayed.set(key, { at, handle });
  }

  /** Retries the key with exponential backoff; returns the delay used. */
  addRateLimited(key: string): number {
    const failures = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, failures);
    const delay = backoffDelay(failures, this.backoff);
    this.addAfter(key, delay);
    return delay;
  }

  /** The key succeeded: its backoff starts again from the base. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  failureCount(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Resolves with the next key, or null once the queue is shut down. */
  get(): Promise<string | null> {
    const key = this.take();
    if (key !== undefined) return Promise.resolve(key);
    if (this.shuttingDown) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiters.push(resolve);
    });
  }

  /** Marks the key processed; if it was added meanwhile it is queued again. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.delete(key)) this.add(key);
  }

  shutDown(): void {
    this.shuttingDown = true;
    for (const { handle } of this.delayed.values()) this.clock.clearTimeout(handle);
    this.delayed.clear();
    if (this.refillTimer !== null) this.clock.clearTimeout(this.refillTimer);
    this.refillTimer = null;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter(null);
  }

  private refill(): void {
    const now = this.clock.now();
    const earned = ((now - this.lastRefill) / 1000) * this.perSecond;
    if (earned > 0) {
      this.tokens = Math.min(this.burst, this.tokens + earned);
      this.lastRefill = now;
    }
  }

  private take(): string | undefined {
    if (this.queue.length === 0) return undefined;
    this.refill();
    if (this.tokens < 1) {
      this.scheduleRefill();
      return undefined;
    }
    const key = this.queue.shift();
    if (key === undefined) return undefined;
    this.tokens -= 1;
    this.queued.delete(key);
    this.processing.add(key);
    return key;
  }

  private scheduleRefill(): void {
    if (this.refillTimer !== null || this.shuttingDown) return;
    const wait = Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
    this.refillTimer = this.clock.setTimeout(() => {
      this.refillTimer = null;
      this.dispatch();
    }, wait);
  }

  private dispatch(): void {
    while (this.waiters.length > 0) {
      const key = this.take();
      if (key === undefined) return;
      const waiter = this.waiters.shift();
      waiter?.(key);
    }
  }
}
