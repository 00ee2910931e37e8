// At most `limit` tasks in flight: an analysis of many metrics must not open a query per metric at once
// against a Prometheus that is already struggling. (p-limit 4+ is ESM-only and this package also ships CJS.)

/** Runs `task` over every item with at most `limit` running at a time; results keep the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
