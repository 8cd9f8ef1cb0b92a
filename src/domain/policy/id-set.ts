// The ids a population has already shown, in 8 bytes each: a 64-bit hash in an open-addressing
// table of 32-bit pairs, not a Set of strings. A Set held two million enterprise ids at about
// 200 bytes each (the string, the entry and, for a string cut out of a parsed chunk, the chunk it
// keeps alive); this holds them in 32 MB. Two different ids share a hash with a probability of about
// n²/2^65 (one in ten million for two million ids); such a pair would be reported as an enterprise
// whose rows are not consecutive, never silently merged.
export class IdSet {
  /** Slot i is table[2i] (high lane) and table[2i + 1] (low): one cache line for both. */
  private table = new Uint32Array(2 << 16);
  private size = 0;

  /** Adds the id; false when it (or, improbably, an id of the same hash) was already there. */
  add(id: string): boolean {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    return this.mixAndPut(h1, h2);
  }

  /**
   * Adds the id whose UTF-8 bytes are buf[start, end), without making a string of it. Its hash is
   * not that of the same id added with add(): one set takes ids one way only.
   */
  addBytes(buf: Uint8Array, start: number, end: number): boolean {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    return this.mixAndPut(h1, h2);
  }

  /** Two independent 32-bit lanes (cyrb53's mixing, kept at 64 bits); never both zero. */
  private mixAndPut(h1: number, h2: number): boolean {
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    h1 >>>= 0;
    h2 >>>= 0;
    if (h1 === 0 && h2 === 0) h2 = 1;
    if ((this.size + 1) * 4 > this.table.length) this.grow();
    if (!this.put(h1, h2)) return false;
    this.size++;
    return true;
  }

  private put(h: number, l: number): boolean {
    const t = this.table;
    const mask = (t.length >>> 1) - 1;
    // Slot 0/0 marks an empty slot, so the hash is never 0/0.
    for (let i = l & mask; ; i = (i + 1) & mask) {
      const a = t[2 * i]!, b = t[2 * i + 1]!;
      if (a === 0 && b === 0) {
        t[2 * i] = h;
        t[2 * i + 1] = l;
        return true;
      }
      if (a === h && b === l) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) this.put(old[i]!, old[i + 1]!);
  }
}
