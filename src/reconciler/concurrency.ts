/**
 * Runs `work` over `items` with at most `limit` calls in flight, keeping the results in input
 * order. Labelling 5,000 nodes one PATCH at a time took minutes; a few in flight keep the API
 * server busy without flooding it (the client's own rate limit still applies).
 */
export const mapWithConcurrency = async <T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

/** "a, b, c" or "a, b, c (+N more)": event messages stay short with thousands of nodes. */
export const summarizeNames = (names: readonly string[], listedMax = 10): string => {
  const listed = names.slice(0, listedMax).join(', ');
  const unlisted = names.length - Math.min(names.length, listedMax);
  return unlisted > 0 ? `${listed} (+${unlisted} more)` : listed;
};
