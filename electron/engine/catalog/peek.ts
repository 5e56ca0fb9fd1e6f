/**
 * Reads items from the front of an async iterable until `enough` says so, and hands back those items
 * plus an iterable that replays them and then continues with the rest — a look-ahead that never
 * reads the whole source.
 */
export async function peek<T>(
  source: AsyncIterable<T>,
  enough: (buffered: readonly T[]) => boolean,
): Promise<{ buffered: T[]; ended: boolean; rest: AsyncGenerator<T> }> {
  const it = source[Symbol.asyncIterator]();
  const buffered: T[] = [];
  let ended = false;
  while (!enough(buffered)) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    buffered.push(r.value);
  }
  async function* rest(): AsyncGenerator<T> {
    try {
      yield* buffered.splice(0);
      while (!ended) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await it.return?.();
    }
  }
  return { buffered: [...buffered], ended, rest: rest() };
}
