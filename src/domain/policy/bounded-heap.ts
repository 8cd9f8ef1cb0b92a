// Keeps the k largest numbers seen (a min-heap of size k), for quota-bounded budget totals:
// with 40 free factory diagnoses a year, the most the city can spend is the 40 largest maxima.
export class TopK {
  private readonly heap: number[] = [];
  constructor(private readonly k: number) {}

  push(v: number): void {
    const h = this.heap;
    if (this.k === 0) return;
    if (h.length < this.k) {
      h.push(v);
      this.up(h.length - 1);
    } else if (v > h[0]!) {
      h[0] = v;
      this.down(0);
    }
  }

  sum(): number {
    let s = 0;
    for (const v of this.heap) s += v;
    return s;
  }

  private up(i: number) {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]! <= h[i]!) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  private down(i: number) {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && h[l]! < h[m]!) m = l;
      if (r < h.length && h[r]! < h[m]!) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
}
