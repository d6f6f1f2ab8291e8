/**
 * A small seeded PRNG (sfc32): the only randomness inside a simulated run.
 * Chosen for speed and a 128-bit state; `Math.random` is never used in the world.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds the generator from a 32-bit integer, mixing it so nearby seeds diverge. */
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed | 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Next float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Next integer in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * bound);
  }
}
