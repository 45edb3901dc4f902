import type { StatisticsSample } from '../../contract/index.ts';

/** The newest `capacity` samples of one system, oldest first; pushing past the capacity drops the oldest. */
export class SampleHistory {
  private readonly ring: (StatisticsSample | undefined)[];
  private start = 0;
  private length = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`invalid capacity ${capacity}`);
    this.ring = new Array<StatisticsSample | undefined>(capacity);
  }

  get size(): number {
    return this.length;
  }

  push(sample: StatisticsSample): void {
    if (this.length < this.capacity) {
      this.ring[(this.start + this.length) % this.capacity] = sample;
      this.length++;
    } else {
      this.ring[this.start] = sample;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  toArray(): StatisticsSample[] {
    const out: StatisticsSample[] = new Array<StatisticsSample>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.ring[(this.start + i) % this.capacity]!;
    return out;
  }
}
