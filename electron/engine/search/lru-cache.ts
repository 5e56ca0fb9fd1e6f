/** A small LRU map; Map keeps insertion order, so the first key is always the least recently used. */
export class LruCache<V> {
  private readonly map = new Map<string, V>();
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  /** Whether the key is held, without touching its recency. */
  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Every value, least recently used first, without touching their recency. */
  values(): IterableIterator<V> {
    return this.map.values();
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
