// With worker threads, sessions of this many source bytes or more are prepared only in them: the main thread,
// which also commits and must answer the threads promptly, takes smaller ones.
export const BIG_SESSION_BYTES = 1 << 20;
// Huge sessions go to the threads first, longest first, so no thread is left alone with one at the end.
export const HUGE_SESSION_BYTES = 32 << 20;

/**
 * The order in which threads take sessions to prepare (by position in discovery order). Everything but the
 * huge sessions goes in discovery order, because commits follow it: prepared sessions then commit steadily,
 * and an interrupted run keeps most of what it did.
 */
export class DispatchOrder {
  private readonly huge: number[] = [];
  private readonly big: number[] = [];
  private readonly small: number[] = [];
  private nextHuge = 0;
  private nextBig = 0;
  private nextSmall = 0;

  /** `sizes[position]`: bytes of source, 0 when unknown. */
  constructor(private readonly sizes: readonly number[]) {
    sizes.forEach((size, position) => {
      (size >= HUGE_SESSION_BYTES ? this.huge : size >= BIG_SESSION_BYTES ? this.big : this.small).push(
        position,
      );
    });
    this.huge.sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0) || a - b);
  }

  isHuge(position: number): boolean {
    return (this.sizes[position] ?? 0) >= HUGE_SESSION_BYTES;
  }

  /** A worker thread's next session: the longest huge one left, else the next in discovery order. */
  forWorker(): number | undefined {
    if (this.nextHuge < this.huge.length) return this.huge[this.nextHuge++];
    return this.inDiscoveryOrder(true);
  }

  /**
   * The main thread's next session: a small one; any but a huge one while every worker thread is busy with a
   * huge session (then none of them waits for this thread); any at all once no worker thread is left.
   */
  forMain(workersBusyWithHuge: boolean, noWorkersLeft = false): number | undefined {
    if (noWorkersLeft) return this.forWorker();
    return this.inDiscoveryOrder(workersBusyWithHuge);
  }

  /** Every session, for a run without worker threads. */
  static all(count: number): DispatchOrder {
    return new DispatchOrder(new Array<number>(count).fill(0));
  }

  private inDiscoveryOrder(withBig: boolean): number | undefined {
    const big = this.big[this.nextBig];
    const small = this.small[this.nextSmall];
    if (withBig && big !== undefined && (small === undefined || big < small)) {
      this.nextBig++;
      return big;
    }
    if (small === undefined) return undefined;
    this.nextSmall++;
    return small;
  }
}
