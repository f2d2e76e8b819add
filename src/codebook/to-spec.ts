/**
 * The inferred codebook as an editable spec (`survey init`): the starting point
 * of a checked-in `survey.yaml`, validated by schema/survey-spec.schema.json.
 */
import { Document, isMap, isSeq, isScalar } from 'yaml';
import type { Codebook, Question } from '../spec/codebook.js';
import type { ColumnHeader } from './header.js';
import type { InputInfo } from '../spec/result.js';
import { holdsContacts } from '../privacy/mask.js';
import { isNoAnswer } from './scales.js';

/** `readFrom`: the export came from standard input or a pipe (`stdin`, `/dev/fd/63`), which a spec cannot name: `input.file` is left out, and a comment says so. */
export function codebookToSpec(codebook: Codebook, headers: readonly ColumnHeader[], input: InputInfo, schemaPath: string, options: { readFrom?: string } = {}): string {
  const nameCount = new Map<string, number>();
  for (const h of headers) nameCount.set(h.name, (nameCount.get(h.name) ?? 0) + 1);
  // The name is the first-row cell (Qualtrics' `Q3`, Google's `Question [Item]`) and is what
  // specs resolve; SurveyMonkey's continuation columns repeat the carried name, so get numbers.
  const ref = (index: number): string | number => {
    const h = headers[index]!;
    return h.name !== '' && nameCount.get(h.name) === 1 ? h.name : index + 1;
  };
  const spec = {
    version: 1,
    // A workbook has no encoding or delimiter to pin.
    input: {
      ...(options.readFrom === undefined ? { file: input.file } : {}),
      ...(input.format === 'xlsx' ? { ...(input.sheet !== undefined ? { sheet: input.sheet } : {}), headerRows: input.headerRows } : { encoding: input.encoding, delimiter: input.delimiter, headerRows: input.headerRows }),
    },
    ...(codebook.missing ? { missing: codebook.missing } : {}),
    questions: codebook.questions.map((q) => questionSpec(q, ref)),
  };
  const header = [
    `# yaml-language-server: $schema=${schemaPath}`,
    '# Inferred by `survey init`. Edit ids, labels, types and answer order, then run `survey report` on it.',
    '# type: single | multi | matrix | numeric | date | text | pii (pii columns are never tabulated or shown).',
  ].join('\n');
  const doc = new Document(spec, { aliasDuplicateObjects: false });
  if (options.readFrom !== undefined) commentOn(doc, 'input', ` read from ${options.readFrom}: add file: with the export's path (relative to this spec), or give survey report --input`);
  commentOn(doc, 'missing', ' NA: how R and pandas write a missing value, in several columns of this export: no answer, outside every base');
  suggestMissing(doc, codebook.questions);
  const rules = suggestedRules(codebook.questions);
  const suggested = rules.length > 0 ? `# Validity rules the platform's columns allow (uncomment to use):\n# filters:\n${rules.map((r) => `#   - ${r}\n`).join('')}` : '';
  return `${header}\n${doc.toString({ lineWidth: 0 })}${suggested}`;
}

/**
 * Rules most studies on a platform apply, written from the answers its metadata columns hold:
 * Qualtrics' previews and unfinished responses, Typeform's partial ones, LimeSurvey's never
 * submitted. Left as comments: the analyst decides.
 */
function suggestedRules(questions: readonly Question[]): string[] {
  const out: string[] = [];
  const find = (name: RegExp) => questions.find((q) => name.test(q.id));
  const quoted = (s: string) => JSON.stringify(s);
  const status = find(/^status$/i);
  const preview = status?.options.find((o) => /^survey preview$/i.test(o));
  if (status && preview) out.push(`{ rule: expression, name: survey previews, remove: '${status.id} == ${quoted(preview)}' }`);
  const finished = find(/^finished$/i);
  const notFinished = finished?.options.find((o) => /^(false|0)$/i.test(o));
  if (finished && notFinished) out.push(`{ rule: expression, name: unfinished, remove: '${finished.id} == ${quoted(notFinished)}' }`);
  const kind = find(/^response_?type$/i);
  const partial = kind?.options.find((o) => /^partial$/i.test(o));
  if (kind && partial) out.push(`{ rule: expression, name: partial responses, remove: '${kind.id} == ${quoted(partial)}' }`);
  const submitted = find(/^(submitdate|submit_date(_utc)?)$/i);
  if (submitted) out.push(`{ rule: expression, name: never submitted, remove: 'blank(${submitted.id})' }`);
  return out;
}

/** A comment above a top-level key, when the spec has it. */
function commentOn(doc: Document, key: string, comment: string): void {
  if (!isMap(doc.contents)) return;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (pair && isScalar(pair.key)) pair.key.commentBefore = comment;
}

/**
 * Answers off the scale ("N/A", "I don't do this", "Don't know") are in the base unless declared
 * missing, and charts leave them out of the bars: a comment under the options says how to take
 * them out of the base too, for the analyst to decide.
 */
function suggestMissing(doc: Document, questions: readonly Question[]): void {
  const seq = doc.get('questions');
  if (!isSeq(seq)) return;
  seq.items.forEach((node, i) => {
    const off = (questions[i]?.options ?? []).filter(isNoAnswer);
    if (off.length === 0 || !isMap(node)) return;
    const options = node.items.find((p) => isScalar(p.key) && p.key.value === 'options');
    if (!options || !isSeq(options.value)) return;
    options.value.comment = ` missing: ${JSON.stringify(off)} would leave ${off.length === 1 ? 'it' : 'them'} out of the base (% of those giving an answer on the scale)`;
  });
}

function questionSpec(q: Question, ref: (i: number) => string | number): Record<string, unknown> {
  const out: Record<string, unknown> = { id: q.id, label: q.label, type: q.type };
  if (q.type === 'pii') {
    out.column = ref(q.columns[0]!);
    out.reason = q.pii?.reason;
    return out;
  }
  if (q.layout?.kind === 'columns' || q.type === 'matrix') {
    if (q.layout?.kind === 'columns') out.layout = 'columns';
    out.items = q.items.map((i) => ({ id: i.id, label: i.label, column: ref(i.column) }));
  } else out.column = ref(q.columns[0]!);
  if (q.layout?.kind === 'joined') out.separator = q.layout.separator;
  // A spec is committed and shared: answers that hold contact details (an "Other" answer with an
  // e-mail address) are not copied into it, and without them the list would be partial, so none is.
  if (q.options.length > 0 && q.layout?.kind !== 'columns' && !q.options.some(holdsContacts)) out.options = q.options;
  if (q.scale) out.scale = q.scale;
  // A guessed order is written out, so that the spec shows the choice it makes.
  if (q.dateOrder) out.dateOrder = q.dateOrder;
  else if (q.dateOrderGuessed) out.dateOrder = 'mdy';
  return out;
}
