/**
 * Answers of the aggregate endpoints (facets, stats), kept until the index changes: they cost tens of
 * milliseconds over a large history and every page asks for them, with the same few filter sets.
 */
export class AnswerCache {
  readonly #answers = new Map<string, unknown>();

  constructor(readonly capacity = 64) {}

  get<T>(key: string, compute: () => T): T {
    if (this.#answers.has(key)) return this.#answers.get(key) as T;
    const value = compute();
    this.#answers.set(key, value);
    if (this.#answers.size > this.capacity) {
      const oldest = this.#answers.keys().next().value;
      if (oldest !== undefined) this.#answers.delete(oldest);
    }
    return value;
  }

  /** After an index update that changed sessions. */
  clear(): void {
    this.#answers.clear();
  }
}
