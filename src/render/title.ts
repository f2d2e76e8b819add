import { basename } from 'node:path';
import type { AnalysisResult } from '../spec/result.js';

/** The title of a published result: the study's, or the export's file name (never the folders it was read from). */
export function resultTitle(result: AnalysisResult & { title?: string | undefined }): string {
  return result.title ?? basename(result.input.file.replace(/\\/g, '/'));
}
