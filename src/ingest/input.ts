/**
 * What reading an export gives the stages after it, whatever the format: `CsvInput`
 * (read-csv.ts for delimited text, read-xlsx.ts for workbooks) and what it is asked with.
 */
import type { Encoding } from './detect.js';
import type { Cells } from './cells.js';
import type { LateColumns } from './dictionary.js';
import type { RecordPlace } from './encoding-scan.js';
import type { KeySpec } from '../keys/key.js';

export interface CsvOptions {
  /** Forces an encoding instead of detecting one. */
  encoding?: Encoding;
  /** Where `encoding` came from, for messages. __Default value:__ 'flag' (--encoding) */
  encodingFrom?: 'flag' | 'spec';
  /** Forces a delimiter instead of sniffing one. */
  delimiter?: string;
  /** Name shown for the file in error locations (the path as the user typed it). __Default value:__ the path */
  displayName?: string;
  /** Read and scan on a second thread. __Default value:__ for files of 8 MiB or more */
  worker?: boolean;
  /** An .xlsx workbook's worksheet, by its tab name. __Default value:__ the first visible tab */
  sheet?: string;
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts. */
  line: number;
}

export interface CsvInput {
  file: string;
  encoding: Encoding;
  encodingReason: string;
  delimiter: string;
  /** File size in bytes (for progress). */
  size: number;
  /** Set when the export is not delimited text (ingest/read-xlsx.ts); `delimiter` is then ''. */
  format?: 'xlsx';
  /** `scan` reads on a second thread, so that a second reading costs this thread little. */
  threaded: boolean;
  /** The worksheet read, once reading has begun (.xlsx). */
  readonly sheet?: string | undefined;
  /** Records one at a time. */
  records(): AsyncIterable<CsvRecord>;
  /** Says that the reading under way (or the next) is the last: a workbook then keeps no copy of its rows for another. */
  lastReading?(): void;
  /**
   * Every record to a synchronous handler (much faster than `records`), as a view of its
   * fields valid during the call; the handler returns false to stop.
   */
  scan(handler: RecordHandler, options?: ScanOptions): Promise<void>;
  /** Delimited text: where its first byte that is not UTF-8 lies (the record's line, the field), or null. */
  firstNonUtf8?(): Promise<RecordPlace | null>;
}

/** Receives each record (blank lines are skipped); returning false stops the reading. */
export type RecordHandler = (cells: Cells, line: number) => boolean | void;

export interface ScanOptions {
  /** Called after each chunk: bytes of the file read so far, and records so far. */
  onProgress?: (bytesRead: number, records: number) => void;
  /**
   * Columns of repeated answers (choice questions): a reading thread numbers their distinct
   * cells, so that `Cells.local` can stand for the text (see dictionary.ts).
   */
  dictionary?: readonly number[] | LateColumns;
  /**
   * A key the reading thread keeps the first line of, row by row (a leading `duplicates`
   * rule): `Cells.seenBefore`. `skip`: the header's records, which are not rows.
   */
  firstSeen?: { key: KeySpec; skip: number };
}
