/** A fixed-size set of small integers backed by a Uint32Array, for all-pairs computations. */
export class BitSet {
  readonly words: Uint32Array;

  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  /** A set holding 0..size-1. */
  static full(size: number): BitSet {
    const set = new BitSet(size);
    for (let i = 0; i < size; i++) set.add(i);
    return set;
  }

  add(i: number): void {
    this.words[i >>> 5] = this.words[i >>> 5] | (1 << (i & 31));
  }

  has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  /** Adds every member of `other` (same size). */
  orWith(other: BitSet): void {
    const a = this.words;
    const b = other.words;
    for (let w = 0; w < a.length; w++) a[w] = a[w] | b[w];
  }

  /** A new set: members of both. */
  and(other: BitSet): BitSet {
    const out = new BitSet(this.size);
    for (let w = 0; w < out.words.length; w++) out.words[w] = this.words[w] & other.words[w];
    return out;
  }
}
