/**
 * Bytes to text, chunk by chunk. UTF-8 is decoded strictly, so that a byte that is not
 * UTF-8 anywhere asks for a re-read as Windows-1252 or Mac OS Roman (`EncodingFallback`). ASCII chunks,
 * the usual case, are copied as Latin-1 (one byte a character, the fastest string V8 makes).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { Encoding } from './detect.js';

/**
 * Thrown when bytes later in a file turn out not to be UTF-8: the caller re-reads it, in the
 * single-byte encoding the whole file shows (engine/input.ts); `encoding` is the default.
 */
export class EncodingFallback extends Error {
  constructor(readonly encoding: Encoding) {
    super(`re-read as ${encoding}`);
  }
}

export class ChunkDecoder {
  private readonly decoder: TextDecoder | null;
  /** UTF-8: the bytes of a character cut by the end of the last chunk. */
  private carry: Buffer = Buffer.alloc(0);
  private first = true;

  constructor(readonly encoding: Encoding) {
    this.decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  }

  /** Text of the next chunk (`end` for the last call, with or without bytes). */
  decode(chunk: Buffer, end = false): string {
    if (this.decoder) return this.decoder.decode(chunk, { stream: !end });
    let bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    if (!end) {
      const cut = completeLength(bytes);
      if (cut < bytes.length) {
        this.carry = Buffer.from(bytes.subarray(cut));
        bytes = bytes.subarray(0, cut);
      }
    }
    let text: string;
    if (isAscii(bytes)) text = bytes.toString('latin1');
    else if (isUtf8(bytes)) text = bytes.toString('utf8');
    else throw new EncodingFallback('windows-1252');
    // As TextDecoder does, a byte-order mark at the very start is not text.
    if (this.first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.length > 0) this.first = false;
    return text;
  }
}

/** Bytes up to the last complete UTF-8 character (a sequence cut at the end is left out). */
export function completeLength(b: Buffer): number {
  const n = b.length;
  // Look back at most 3 bytes for the start of a multi-byte sequence.
  for (let i = n - 1; i >= Math.max(0, n - 4); i--) {
    const c = b[i]!;
    if (c < 0x80) return n;
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return n - i >= need ? n : i;
    }
  }
  return n;
}
