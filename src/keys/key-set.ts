/**
 * A map from strings to line numbers in flat memory, for keys seen once per respondent
 * (e-mails, phone numbers): millions of them cost their UTF-8 bytes and about 30 bytes
 * each, where a Map of strings costs about 100 and keeps every chunk of the file a key
 * was sliced from alive. Exact: keys are compared byte for byte, never by hash alone.
 *
 * Nothing is ever copied to grow except the slot table: keys go to 4 MiB blocks and their
 * entries to fixed pages, so that few large buffers are allocated (each one makes V8
 * consider a garbage collection).
 */
const BLOCK_BITS = 22;
const BLOCK_BYTES = 1 << BLOCK_BITS;
const MAX_BLOCKS = 1 << (32 - BLOCK_BITS);
const PAGE_BITS = 16;
const PAGE_KEYS = 1 << PAGE_BITS;
/** Per key in a page: where (block and start), length, line, hash. */
const FIELDS = 4;
/** At most this many keys are reserved for (a 128 MiB slot table); past it the table grows as keys come. */
const MAX_RESERVED = 1 << 23;

export class KeyLines {
  /** The keys' UTF-8 bytes, in blocks that are filled and never moved. */
  private blocks: Buffer[] = [];
  private block = Buffer.alloc(0);
  private used = 0;
  private pages: Uint32Array[] = [];
  private count = 0;
  /**
   * Open addressing, linear probing; two numbers a slot: key index + 1 (0 for empty) and
   * the key's hash, so that probing past other keys reads nothing else (one cache line).
   */
  private slots = new Uint32Array(2 << 12);
  private scratch = Buffer.allocUnsafe(256);
  /** Hash of the key last encoded. */
  private hash = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Makes room for `n` keys at once, so that the slot table is not rebuilt as it fills
   * (each rebuild places every key again, at random). Capped: an estimate too high costs
   * memory for nothing.
   */
  reserve(n: number): void {
    const keys = Math.min(n, MAX_RESERVED);
    let length = this.slots.length;
    while (keys * 20 > length * 7) length *= 2;
    if (length > this.slots.length) this.resize(length);
  }

  /** The line stored for the key, or undefined. */
  get(key: string): number | undefined {
    const len = this.encode(key);
    const i = this.find(this.hash, this.scratch, 0, len);
    return i < 0 ? undefined : this.field(i, 2);
  }

  set(key: string, line: number): void {
    const len = this.encode(key);
    const i = this.find(this.hash, this.scratch, 0, len);
    if (i >= 0) this.pages[i >>> PAGE_BITS]![(i & (PAGE_KEYS - 1)) * FIELDS + 2] = line;
    else this.add(this.hash, this.scratch, 0, len, line);
  }

  /** Room for a key of `n` bytes, written there by the caller for `getOrAddWritten`. */
  room(n: number): Uint8Array {
    if (n > this.scratch.length) this.scratch = Buffer.allocUnsafe(n);
    return this.scratch;
  }

  /** `getOrAdd` for a key whose UTF-8 bytes the caller wrote to `room()`: no string made. */
  getOrAddWritten(len: number, line: number): number | undefined {
    return this.getOrAddBytes(this.scratch, 0, len, keyHash(this.scratch, 0, len), line);
  }

  /** `getOrAdd` for a key held as `bytes[from, from + len)`, whose `keyHash` is `h`. */
  getOrAddBytes(bytes: Uint8Array, from: number, len: number, h: number, line: number): number | undefined {
    const i = this.find(h, bytes, from, len);
    if (i >= 0) return this.field(i, 2);
    this.add(h, bytes, from, len, line);
    return undefined;
  }

  /**
   * Reads the slots of keys about to be looked up (their `keyHash`es), all at once. A slot
   * is a read from anywhere in a table of megabytes, a cache miss each: read one after the
   * other in a tight loop, the misses overlap, and the lookups that follow find the slots
   * in cache (about twice as fast at a million keys).
   */
  warm(hashes: Uint32Array, n: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += slots[2 * (hashes[i]! & mask)]!;
    // Kept, so that the compiler cannot drop the reads as unused.
    this.warmed = sum;
  }
  private warmed = 0;

  /** The line stored for the key; when there is none, stores this one and returns undefined. */
  getOrAdd(key: string, line: number): number | undefined {
    const len = this.encode(key);
    return this.getOrAddBytes(this.scratch, 0, len, this.hash, line);
  }

  clear(): void {
    this.blocks = [];
    this.block = Buffer.alloc(0);
    this.used = 0;
    this.pages = [];
    this.count = 0;
    this.slots.fill(0);
  }

  private field(k: number, f: number): number {
    return this.pages[k >>> PAGE_BITS]![(k & (PAGE_KEYS - 1)) * FIELDS + f]!;
  }

  /** Adds the key `bytes[from, from + len)` (not present). */
  private add(h: number, bytes: Uint8Array, from: number, len: number, line: number): void {
    if ((this.count + 1) * 20 > this.slots.length * 7) this.grow();
    const k = this.count++;
    if ((k & (PAGE_KEYS - 1)) === 0) this.pages.push(new Uint32Array(PAGE_KEYS * FIELDS));
    if (this.used + len > this.block.length) {
      if (this.blocks.length >= MAX_BLOCKS) throw new Error(`more than ${MAX_BLOCKS * (BLOCK_BYTES >> 20)} MiB of distinct keys`);
      // A key longer than a block gets a block of its own (it starts at 0).
      this.block = Buffer.allocUnsafe(Math.max(BLOCK_BYTES, len));
      this.blocks.push(this.block);
      this.used = 0;
    }
    const block = this.block;
    const at = this.used;
    for (let i = 0; i < len; i++) block[at + i] = bytes[from + i]!;
    const page = this.pages[k >>> PAGE_BITS]!;
    const e = (k & (PAGE_KEYS - 1)) * FIELDS;
    page[e] = (this.blocks.length - 1) * BLOCK_BYTES + at;
    page[e + 1] = len;
    page[e + 2] = line;
    page[e + 3] = h;
    this.used += len;
    this.insert(h, k);
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
    this.hash = keyHash(b, 0, len);
    return len;
  }

  private find(h: number, bytes: Uint8Array, from: number, len: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k1 = slots[2 * s]!;
      if (k1 === 0) return -1;
      if (slots[2 * s + 1] === h && this.equals(k1 - 1, bytes, from, len)) return k1 - 1;
    }
  }

  private equals(k: number, bytes: Uint8Array, from: number, len: number): boolean {
    const page = this.pages[k >>> PAGE_BITS]!;
    const e = (k & (PAGE_KEYS - 1)) * FIELDS;
    if (page[e + 1] !== len) return false;
    const where = page[e]!;
    const b = this.blocks[Math.floor(where / BLOCK_BYTES)]!;
    const start = where % BLOCK_BYTES;
    for (let i = 0; i < len; i++) if (bytes[from + i] !== b[start + i]) return false;
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
    this.resize(this.slots.length * 2);
  }

  private resize(length: number): void {
    this.slots = new Uint32Array(length);
    for (let k = 0; k < this.count; k++) this.insert(this.field(k, 3), k);
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A key's hash: FNV-1a over its bytes, then a final mix so that the low bits (the slot) vary. */
export function keyHash(b: Uint8Array, from: number, to: number): number {
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
