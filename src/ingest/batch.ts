/**
 * Records of one chunk. `meta` holds, per record: its line, its number of fields, then
 * each field's start and end in `text`; a start below 0 stands for `extras[-1 - start]`.
 */
export interface Batch {
  text: string;
  meta: Int32Array;
  records: number;
  extras: string[];
}
