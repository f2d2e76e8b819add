/**
 * The checks of a spec's raking (engine/weighting.ts rakes): its variables and the totals of its
 * targets before any row is read, its targets against the answers once the raking pass has read
 * the kept rows, and the weights it gave against the trim bounds once every row is counted.
 */
import type { WeightingSpec } from '../spec/analysis.js';
import type { Codebook } from '../spec/codebook.js';
import type { Diagnostic, WeightsSummary } from '../spec/result.js';
import type { LoadedSpec } from '../config/load-spec.js';
import { specError, unknownRef } from '../config/apply-codebook.js';
import { answersShown, messages } from '../errors/messages.js';
import { closest } from '../errors/suggest.js';
import type { Tabulation } from './tabulation.js';
import { targetScale, type Raking, type TargetScale } from './weighting.js';

/** Raking variables must be single-choice questions. */
export function rakeVariables(targets: Record<string, Record<string, number>>, codebook: Codebook, t: Tabulation, loaded: LoadedSpec): string[] {
  return Object.keys(targets).map((id) => {
    const q = codebook.questions.find((x) => x.id === id);
    if (!q) throw unknownRef(loaded, ['weighting', 'rake', id], id, codebook.questions);
    if (q.type !== 'single' || t.coders.get(id)?.kind !== 'single') throw specError(loaded, ['weighting', 'rake', id], `'${id}' is ${q.type}; raking needs single-choice questions`);
    return id;
  });
}

/**
 * Targets whose totals would rake silently to nonsense, told before any row is read: shares that
 * do not add up to 1 (read as counts, they would shrink every count to a fraction of a
 * respondent), and variables whose targets disagree on the total, which each raking step would
 * move to its own: counts of different totals, or counts beside shares or percentages.
 */
export function checkRakeTotals(targets: Record<string, Record<string, number>>, loaded: LoadedSpec): void {
  let first: RakeTotal | undefined;
  for (const [id, answers] of Object.entries(targets)) {
    const values = Object.values(answers);
    const sum = values.reduce((a, b) => a + b, 0);
    const path = ['weighting', 'rake', id];
    if (!(sum > 0)) throw specError(loaded, path, `the targets of '${id}' add up to 0: every respondent would weigh 0`);
    const scale = targetScale(answers);
    if (scale === 'counts' && values.every((x) => x < 1)) {
      throw specError(loaded, path, `the shares of '${id}' add up to ${formatTotal(sum)}, not 1`, 'give shares that add up to 1, or population counts');
    }
    const these: RakeTotal = { id, sum, scale };
    first ??= these;
    if (!disagree(first, these)) continue;
    // Rounded percentages may not add up to 100, and are read as counts: the likelier slip is named first.
    const [a, b] = nearlyPercent(first) ? [first, these] : [these, first];
    const message = a.scale === 'counts' && b.scale === 'counts'
      ? `the population counts of '${a.id}' add up to ${formatTotal(a.sum)} and those of '${b.id}' to ${formatTotal(b.sum)}: raking cannot meet both totals`
      : `'${a.id}' has ${kindOf(a)} and '${b.id}' ${kindOf(b)}: every variable needs one kind of target`;
    throw specError(loaded, ['weighting', 'rake', a.id], message, nearlyPercent(a) ? `percentages must add up to 100: those of '${a.id}' add up to ${formatTotal(a.sum)}` : 'give every variable shares (adding up to 1) or percentages (adding up to 100), or population counts of one total');
  }
}

interface RakeTotal {
  id: string;
  sum: number;
  scale: TargetScale;
}

function nearlyPercent(t: RakeTotal): boolean {
  return t.scale === 'counts' && Math.abs(t.sum - 100) <= 5;
}

/** Counts beside shares or percentages, or counts of two totals (a relative difference past rounding). */
function disagree(a: RakeTotal, b: RakeTotal): boolean {
  if ((a.scale === 'counts') !== (b.scale === 'counts')) return true;
  return a.scale === 'counts' && Math.abs(a.sum - b.sum) > 1e-9 * Math.max(a.sum, b.sum);
}

function kindOf(t: RakeTotal): string {
  return t.scale === 'counts' ? `population counts (adding up to ${formatTotal(t.sum)})` : t.scale === 'shares' ? 'shares (adding up to 1)' : 'percentages (adding up to 100)';
}

/** `1000`, `1.1`: a sum without floating-point noise. */
function formatTotal(x: number): number {
  return Number(x.toFixed(6));
}

/** Every rake target an answer of its question: checked once the raking pass has coded the whole file (an answer may first come late). */
export function checkRakeAnswers(targets: Record<string, Record<string, number>>, t: Tabulation, loaded: LoadedSpec): void {
  for (const [id, answers] of Object.entries(targets)) {
    const coder = t.coders.get(id);
    if (coder?.kind !== 'single') continue;
    for (const label of Object.keys(answers)) {
      if (coder.options.find(label) < 0) {
        throw specError(loaded, ['weighting', 'rake', id, label], messages.notAnAnswer(label, id, closest(label, coder.options.labels), [answersShown(id, coder.options.labels)]));
      }
    }
  }
}

/** An answer kept rows give but with no target: its respondents would weigh 0. */
export function checkRakeTargets(targets: Record<string, Record<string, number>>, raking: Raking, loaded: LoadedSpec): void {
  for (const [id, answers] of Object.entries(targets)) {
    const untargeted = raking.answered(id).filter((a) => !Object.hasOwn(answers, a));
    if (untargeted.length > 0) {
      const list = untargeted.map((a) => `'${a}'`).join(', ');
      throw specError(loaded, ['weighting', 'rake', id], `${list} ${untargeted.length === 1 ? 'is an answer' : 'are answers'} of '${id}' in kept rows with no target: ${untargeted.length === 1 ? 'its' : 'their'} respondents would weigh 0`, `give ${untargeted.length === 1 ? 'it a target' : 'each a target'} (0 leaves them out on purpose), or declare ${untargeted.length === 1 ? 'it' : 'them'} missing for '${id}'`);
    }
  }
}

/**
 * Trimming bounds cells' mean weights: with design weights, single respondents can stay outside
 * (1% of slack: bounds apply to the mean at the last trim, which the trim itself moves).
 */
export function weightsOutsideTrim(w: WeightsSummary, trim: WeightingSpec['trim']): Diagnostic[] {
  if (!trim || !(w.max > trim.upper * w.mean * 1.01 || w.min < trim.lower * w.mean * 0.99)) return [];
  return [{ level: 'warning', code: 'SURVEY_WEIGHTS_OUTSIDE_TRIM', message: `weights run from ${formatRatio(w.min / w.mean)} to ${formatRatio(w.max / w.mean)} x their mean, outside the trim bounds ${trim.lower} to ${trim.upper}: trimming bounds each raking cell's mean weight, and design weights spread respondents around it` }];
}

/** `0.015`, `10.9`: a ratio to two significant digits at least. */
function formatRatio(x: number): string {
  return x >= 10 ? x.toFixed(1) : Number(x.toPrecision(2)).toString();
}
