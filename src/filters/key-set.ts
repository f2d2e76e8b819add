/**
 * A map from strings to line numbers in flat memory, for keys seen once per respondent
 * (e-mails, phone numbers): millions of them cost their UTF-8 bytes and about 30 bytes
 * each, where a Map of strings costs about 100 and keeps every chunk of the file a key
 * was sliced from alive. Exact: keys are compared byte for byte, never by hash alone.
 */
export class KeyLines {
  /** The keys' UTF-8 bytes, in blocks that are filled and never moved. */
  private blocks: Buffer[] = [];
  private block = Buffer.alloc(0);
  private used = 0;
  /** Per key: its block, start in it, length, line. */
  private blockOf = new Uint16Array(1 << 10);
  private starts = new Uint32Array(1 << 10);
  private lengths = new Uint32Array(1 << 10);
  private lines = new Uint32Array(1 << 10);
  private count = 0;
  /**
   * Open addressing, linear probing; two numbers a slot: key index + 1 (0 for empty) and
   * the key's hash, so that probing past other keys reads nothing else (one cache line).
   */
  private slots = new Uint32Array(2 << 11);
  private scratch = Buffer.allocUnsafe(256);
  /** Hash of the key last encoded. */
  private hash = 0;
  /** Per key: its hash, to grow the table without reading the keys again. */
  private hashes = new Uint32Array(1 << 10);

  get size(): number {
    return this.count;
  }

  /** The line stored for the key, or undefined. */
  get(key: string): number | undefined {
    const len = this.encode(key);
    const h = this.hash;
    const i = this.find(h, len);
    return i < 0 ? undefined : this.lines[i];
  }

  set(key: string, line: number): void {
    const len = this.encode(key);
    const h = this.hash;
    const i = this.find(h, len);
    if (i >= 0) this.lines[i] = line;
    else this.add(h, len, line);
  }

  /** The line stored for the key; when there is none, stores this one and returns undefined. */
  getOrAdd(key: string, line: number): number | undefined {
    const len = this.encode(key);
    const h = this.hash;
    const i = this.find(h, len);
    if (i >= 0) return this.lines[i];
    this.add(h, len, line);
    return undefined;
  }

  /** Adds the key in `scratch` (not present). */
  private add(h: number, len: number, line: number): void {
    if ((this.count + 1) * 20 > this.slots.length * 7) this.grow();
    const k = this.count++;
    if (k >= this.starts.length) {
      this.blockOf = extend(this.blockOf);
      this.starts = extend(this.starts);
      this.lengths = extend(this.lengths);
      this.lines = extend(this.lines);
      this.hashes = extend(this.hashes);
    }
    if (this.used + len > this.block.length) {
      this.block = Buffer.allocUnsafe(Math.max(BLOCK_BYTES, len));
      this.blocks.push(this.block);
      this.used = 0;
    }
    const block = this.block;
    const scratch = this.scratch;
    const at = this.used;
    for (let i = 0; i < len; i++) block[at + i] = scratch[i]!;
    this.hashes[k] = h;
    this.blockOf[k] = this.blocks.length - 1;
    this.starts[k] = this.used;
    this.lengths[k] = len;
    this.lines[k] = line;
    this.used += len;
    this.insert(h, k);
  }

  clear(): void {
    this.blocks = [];
    this.block = Buffer.alloc(0);
    this.used = 0;
    this.count = 0;
    this.slots.fill(0);
  }

  /** Writes the key's UTF-8 bytes to `scratch` and sets `hash`; returns the length. */
  private encode(key: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const n = key.length;
    if (n * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(n * 3);
    const b = this.scratch;
    // ASCII (e-mails, phone numbers) byte by byte, hashing on the way; anything else by Buffer.
    let h = FNV_OFFSET;
    let i = 0;
    for (; i < n; i++) {
      const c = key.charCodeAt(i);
      if (c >= 0x80) break;
      b[i] = c;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    if (i === n) {
      this.hash = mix(h);
      return n;
    }
    const len = b.write(key, 0, 'utf8');
    this.hash = hashRange(b, 0, len);
    return len;
  }

  private find(h: number, len: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k1 = slots[2 * s]!;
      if (k1 === 0) return -1;
      if (slots[2 * s + 1] === h && this.lengths[k1 - 1] === len && this.equals(k1 - 1, len)) return k1 - 1;
    }
  }

  private equals(k: number, len: number): boolean {
    const start = this.starts[k]!;
    const b = this.blocks[this.blockOf[k]!]!;
    const a = this.scratch;
    for (let i = 0; i < len; i++) if (a[i] !== b[start + i]) return false;
    return true;
  }

  private insert(h: number, k: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let s = h & mask;
    while (slots[2 * s] !== 0) s = (s + 1) & mask;
    slots[2 * s] = k + 1;
    slots[2 * s + 1] = h;
  }

  private grow(): void {
    this.slots = new Uint32Array(this.slots.length * 2);
    for (let k = 0; k < this.count; k++) this.insert(this.hashes[k]!, k);
  }
}

const BLOCK_BYTES = 8 << 20;

/** Half as large again: the arrays of a large set overshoot less than by doubling. */
function extend<T extends Uint16Array | Uint32Array>(a: T): T {
  const next = new (a.constructor as new (n: number) => T)(Math.ceil(a.length * 1.5));
  next.set(a);
  return next;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the bytes, then a final mix so that the low bits (the slot) vary. */
function hashRange(b: Buffer, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME);
  return mix(h);
}

function mix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
