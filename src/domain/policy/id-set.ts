// The ids a population has already shown, in 8 bytes each: a 64-bit hash in an open-addressing
// table of two Uint32Arrays, not a Set of strings. A Set held two million enterprise ids at about
// 200 bytes each (the string, the entry and, for a string cut out of a parsed chunk, the chunk it
// keeps alive); this holds them in 32 MB. Two different ids share a hash with a probability of about
// n²/2^65 (one in ten million for two million ids); such a pair would be reported as an enterprise
// whose rows are not consecutive, never silently merged.
export class IdSet {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private size = 0;

  /** Adds the id; false when it (or, improbably, an id of the same hash) was already there. */
  add(id: string): boolean {
    if ((this.size + 1) * 2 > this.hi.length) this.grow();
    const [h, l] = hash(id);
    if (!this.put(h, l)) return false;
    this.size++;
    return true;
  }

  private put(h: number, l: number): boolean {
    const mask = this.hi.length - 1;
    // Slot 0/0 marks an empty slot, so the hash is never 0/0.
    for (let i = l & mask; ; i = (i + 1) & mask) {
      if (this.hi[i] === 0 && this.lo[i] === 0) {
        this.hi[i] = h;
        this.lo[i] = l;
        return true;
      }
      if (this.hi[i] === h && this.lo[i] === l) return false;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.put(hi[i]!, lo[i]!);
  }
}

/** Two independent 32-bit lanes (cyrb53's mixing, kept at 64 bits); never both zero. */
function hash(s: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  h1 >>>= 0;
  h2 >>>= 0;
  return h1 === 0 && h2 === 0 ? [0, 1] : [h1, h2];
}
