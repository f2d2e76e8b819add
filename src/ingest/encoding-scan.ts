/** Whole-file scans of an export's bytes, for when its start did not tell its encoding right. */
import { createReadStream } from 'node:fs';
import { SingleByteEvidence, type Encoding } from './detect.js';

/** The line holding the file's first byte that is not UTF-8, or null (lines end at LF, CRLF or a lone CR). */
export async function firstNonUtf8Line(file: string): Promise<number | null> {
  let line = 1;
  // Continuation bytes still expected, the range the next one must fall in (tighter after E0, ED,
  // F0 and F4: no overlong forms, surrogates or code points past U+10FFFF), and whether the last byte was a CR.
  let need = 0;
  let lo = 0x80;
  let hi = 0xbf;
  let cr = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (need > 0) {
        if (b < lo || b > hi) return line;
        [lo, hi] = [0x80, 0xbf];
        need--;
        continue;
      }
      if (b < 0x80) {
        if (b === 10) {
          if (!cr) line++;
        } else if (b === 13) line++;
        cr = b === 13;
        continue;
      }
      cr = false;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) need = 2;
      else if (b >= 0xf0 && b <= 0xf4) need = 3;
      else return line;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
      else if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    }
  }
  return need > 0 ? line : null;
}

/** Windows-1252 or Mac OS Roman, by the whole file: its first such byte may lie far from most of them. */
export async function singleByteEncodingOf(file: string): Promise<Encoding> {
  const evidence = new SingleByteEvidence();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) evidence.add(chunk);
  return evidence.encoding;
}
