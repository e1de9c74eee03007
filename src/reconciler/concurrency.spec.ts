import { mapWithConcurrency, summarizeNames } from './concurrency';

describe('mapWithConcurrency', () => {
  it('keeps input order and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (delay) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((done) => setTimeout(done, delay));
      inFlight -= 1;
      return delay * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  it('rejects with the first failure', async () => {
    await expect(
      mapWithConcurrency(['a', 'b'], 4, (name) =>
        name === 'b' ? Promise.reject(new Error('409 on b')) : Promise.resolve(name),
      ),
    ).rejects.toThrow('409 on b');
  });

  it('handles an empty list', async () => {
    await expect(mapWithConcurrency([], 8, () => Promise.resolve(1))).resolves.toEqual([]);
  });
});

describe('summarizeNames', () => {
  it('lists a few names and counts the rest', () => {
    expect(summarizeNames(['worker-0', 'worker-1'])).toBe('worker-0, worker-1');
    expect(summarizeNames(['a', 'b', 'c', 'd'], 2)).toBe('a, b (+2 more)');
  });
});
