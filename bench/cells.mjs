#!/usr/bin/env node
/**
 * What telling one choice cell from another costs in V8: `node bench/cells.mjs [FILE]`
 * (after `npm run build`; FILE defaults to bench/data/survey-1M.csv, made by `npm run bench`).
 *
 * The reference job identifies 16 choice cells a row (which answer is this?), exactly:
 * equal numbers must mean equal cells. The file's first 40 MiB are scanned into batches
 * as the reader makes them, then each way of identifying the cells of the 14 single-choice
 * columns runs in a process of its own (so that no way's code makes another's call site
 * polymorphic), three times; the third is reported, in nanoseconds a cell.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WAYS = {
  'field length only (the loop itself)': () => (s, a, b) => b - a,
  'first character read': () => (s, a) => s.charCodeAt(a),
  'slice + Map (how the reading thread numbers)': () => {
    const maps = [];
    return (s, a, b, j) => {
      const m = (maps[j] ??= new Map());
      const v = s.slice(a, b);
      let c = m.get(v);
      if (c === undefined) m.set(v, (c = m.size));
      return c;
    };
  },
  'length buckets + startsWith in place (how the main thread codes)': () => {
    const buckets = [];
    return (s, a, b, j) => {
      const bk = ((buckets[j] ??= [])[b - a] ??= []);
      for (let k = 0; k < bk.length; k += 2) if (s.startsWith(bk[k], a)) return bk[k + 1];
      bk.push(s.slice(a, b), bk.length >> 1);
      return (bk.length >> 1) - 1;
    };
  },
  'FNV-1a over the bytes + byte compare': () => {
    const tables = [];
    return (s, a, b, j, bytes) => {
      const t = (tables[j] ??= { slot: new Int32Array(1024).fill(-1), store: new Uint8Array(1 << 20), off: [], len: [], used: 0 });
      const len = b - a;
      let h = 0x811c9dc5;
      for (let i = a; i < b; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
      for (h = (h ^ (h >>> 15)) & 1023; ; h = (h + 1) & 1023) {
        const id = t.slot[h];
        if (id < 0) break;
        if (t.len[id] !== len) continue;
        const o = t.off[id];
        let i = 0;
        while (i < len && t.store[o + i] === bytes[a + i]) i++;
        if (i === len) return id;
      }
      const id = t.off.length;
      t.off.push(t.used);
      t.len.push(len);
      for (let i = 0; i < len; i++) t.store[t.used + i] = bytes[a + i];
      t.used += len;
      t.slot[h] = id;
      return id;
    };
  },
  'length buckets + 4-byte words compared (DataView)': () => {
    const tables = [];
    return (s, a, b, j, bytes, view) => {
      const t = (tables[j] ??= { byLength: [], store: new Uint8Array(1 << 20), view: null, used: 0, n: 0 });
      t.view ??= new DataView(t.store.buffer);
      const len = b - a;
      const bk = t.byLength[len];
      if (bk !== undefined) {
        next: for (let k = 0; k < bk.length; k += 2) {
          const o = bk[k];
          let i = 0;
          for (; i + 4 <= len; i += 4) if (view.getUint32(a + i, true) !== t.view.getUint32(o + i, true)) continue next;
          for (; i < len; i++) if (bytes[a + i] !== t.store[o + i]) continue next;
          return bk[k + 1];
        }
      }
      for (let i = 0; i < len; i++) t.store[t.used + i] = bytes[a + i];
      (t.byLength[len] ??= []).push(t.used, t.n);
      t.used += len;
      return t.n++;
    };
  },
};

const [way, fileArg] = process.argv.slice(2);
if (way in WAYS) {
  const { CsvScanner } = await import(join(ROOT, 'dist', 'src', 'ingest', 'scan.js'));
  const file = fileArg;
  const head = readFileSync(file).subarray(0, 40 << 20);
  const scanner = new CsvScanner(',');
  const batches = [];
  for (let p = 0; p < head.length; p += 1 << 16) {
    const bytes = head.subarray(p, p + (1 << 16));
    batches.push(scanner.push(bytes.toString('latin1')));
  }
  // Each batch's text as bytes too (the file is ASCII: offsets are the same).
  const inputs = batches.map((batch) => {
    const bytes = Buffer.from(batch.text, 'latin1');
    return { batch, bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  });
  const header = inputs[0].batch;
  const names = Array.from({ length: header.meta[1] }, (_, i) => header.text.slice(header.meta[2 + 2 * i], header.meta[3 + 2 * i]));
  const columns = names.map((n, i) => (/^(gender|region|q\d+)$/.test(n) ? i : -1)).filter((i) => i >= 0);
  const identify = WAYS[way]();
  let cells = 0;
  let ms = 0;
  let check = 0;
  for (let rep = 0; rep < 3; rep++) {
    cells = 0;
    const t0 = performance.now();
    for (const { batch, bytes, view } of inputs) {
      const { text, meta } = batch;
      let m = 0;
      for (let r = 0; r < batch.records; r++) {
        const n = meta[m + 1];
        const at = m + 2;
        for (let j = 0; j < columns.length; j++) {
          const c = columns[j];
          const a = c < n ? meta[at + 2 * c] : -1;
          // Quoted cells with "" are held apart as strings; they are few and left out here.
          if (a < 0) continue;
          check += identify(text, a, meta[at + 2 * c + 1], j, bytes, view);
          cells++;
        }
        m = at + 2 * n;
      }
    }
    ms = performance.now() - t0;
  }
  process.stdout.write(JSON.stringify({ cells, ms, check }));
} else {
  const file = resolve(way ?? join(ROOT, 'bench', 'data', 'survey-1M.csv'));
  process.stdout.write(`ns per cell, ${file} (first 40 MiB):\n`);
  for (const name of Object.keys(WAYS)) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name, file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
    const { cells, ms } = JSON.parse(r.stdout);
    process.stdout.write(`${((ms * 1e6) / cells).toFixed(1).padStart(6)}  ${name}\n`);
  }
}
