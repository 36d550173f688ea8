/** Typed arrays that grow by doubling: event logs (reports, errors) without per-event objects. */
type TypedArray = Float64Array | Float32Array | Int32Array | Uint8Array | Uint16Array;

export function grow<T extends TypedArray>(a: T, minLength: number): T {
  if (a.length >= minLength) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(minLength, a.length * 2, 256));
  b.set(a);
  return b;
}

/** An append-only list of numbers in a Float64Array. */
export class NumberList {
  data = new Float64Array(256);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length + 1);
    this.data[this.length++] = v;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
  clear(): void {
    this.length = 0;
  }
}
