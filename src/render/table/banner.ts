/** Banner cells as text (terminal, Markdown, HTML). */
import type { BannerSection } from '../../spec/result.js';
import { formatPercent } from '../sanitize.js';

/** A banner cell: `*` where disclosure control hid it, blank where its column is under minBase, else a whole percentage. */
export function bannerCell(s: BannerSection, r: number, c: number): string {
  if (s.suppressed?.[r]?.[c]) return '*';
  const x = s.percents[r]![c]!;
  return x === null ? '' : formatPercent(x, 0);
}
