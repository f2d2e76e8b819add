/**
 * Reads a study spec: YAML parsed with positions, validated against the shipped
 * JSON Schema; every error names the spec file, line and path.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Node } from 'yaml';
import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { StudySpec } from '../spec/analysis.js';
import { SurveyError } from '../errors/survey-error.js';
import { isTimeZone } from '../codebook/timezone.js';
import { messages } from '../errors/messages.js';
import { closest } from '../errors/suggest.js';

export interface LoadedSpec {
  spec: StudySpec;
  file: string;
  /** Line of a path like ['tables', 2, 'row'], for later semantic errors. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validator: Validator | null = null;

function validate(data: unknown): ErrorObject[] {
  validator ??= precompiled() ?? compiled();
  return validator(data) ? [] : (validator.errors ?? []);
}

/** The validator `npm run build` compiled from the schema (scripts/build-validator.mjs). */
function precompiled(): Validator | null {
  try {
    return createRequire(import.meta.url)('./spec-validator.cjs') as Validator;
  } catch {
    return null;
  }
}

/** Compiled now (about 100 ms): ajv is only loaded on this path. */
function compiled(): Validator {
  const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020.js') as { default: new (options: object) => { compile(schema: object): Validator } };
  const schema = JSON.parse(readFileSync(new URL('../../../schema/survey-spec.schema.json', import.meta.url), 'utf8')) as object;
  // The options must match scripts/build-validator.mjs.
  return new Ajv2020.default({ allErrors: true, strict: false, verbose: true }).compile(schema);
}

export async function loadSpec(file: string, displayName = file): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new SurveyError('SURVEY_IO_READ', messages.cannotRead((e as NodeJS.ErrnoException).code ?? String(e)), { location: { file: displayName }, cause: e });
  }
  return parseSpec(text, displayName);
}

const INDENT_HINT = 'each level of a list or mapping is indented by the same number of spaces';
/** What the YAML errors a spec's author meets most usually mean, by the yaml package's error code. */
const YAML_HINTS: readonly [string, string][] = [
  ['BLOCK_AS_IMPLICIT_KEY', 'a text holding ": " (a colon and a space) needs quotes: title: "Privacy: what users think"'],
  ['MULTILINE_IMPLICIT_KEY', 'a text holding ": " (a colon and a space) needs quotes: title: "Privacy: what users think"'],
  ['BLOCK_IN_FLOW', 'inside { } or [ ], a text holding ": " (a colon and a space) needs quotes: { title: "Q: why" }'],
  ['TAB_AS_INDENT', 'indent with spaces, not tabs'],
  ['BAD_INDENT', INDENT_HINT],
];

/**
 * A hint for yaml's error. "Nested mappings are not allowed in compact mappings" is an unquoted
 * colon in a text, unless the lines after it are indented deeper than its own: then it is a key
 * written one level too shallow (`recode:` with its first answer under the `r`).
 */
function yamlHint(code: string, message: string, text: string, offset: number): string | undefined {
  if (code === 'MISSING_CHAR' && message.startsWith('Sequence item without - indicator')) return INDENT_HINT;
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    const start = text.lastIndexOf('\n', offset - 1) + 1;
    // Where a line's key starts: a list item's `- ` marker counts as indentation (`  - title: ...` keys at 4).
    const indent = (line: string) => /^(?:\s*-\s)*\s*/.exec(line)![0].length;
    const [line = '', ...after] = text.slice(start).split('\n');
    const next = after.find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    if (next !== undefined && indent(next) > indent(line)) return `${INDENT_HINT}: the line after this one is indented deeper than it`;
  }
  return YAML_HINTS.find(([c]) => c === code)?.[1];
}

/**
 * A key given twice right under a key left empty (`chart:`, then `type: bar` at its level, in a
 * table that has a type): most often meant under it.
 */
function emptyKeyAbove(text: string, offset: number): string | undefined {
  const before = text.slice(0, text.lastIndexOf('\n', offset - 1) + 1).split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  const empty = /^[\s-]*([^\s:#][^:#]*?):\s*$/.exec(before.at(-1) ?? '');
  return empty ? `'${empty[1]}:' on the line above is empty: if the key belongs under it, indent it deeper (${INDENT_HINT})` : undefined;
}

/** `'name' ` for the key written at `offset` (plain or quoted), or '' when none is read there. */
function keyAt(text: string, offset: number): string {
  // A plain key may hold a colon not followed by a space (`a:b`, `http://x`): it ends at `: ` or `:` at the line's end.
  const m = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|(?:[^:,{}[\]\n]|:(?=[^\s,{}[\]]))+?)\s*:(?=\s|$)/y;
  m.lastIndex = offset;
  const key = m.exec(text)?.[1]?.replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
  return key ? `'${key}' ` : '';
}

export function parseSpec(text: string, file: string): LoadedSpec {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    // yaml may place a repeated key where the line before it ends (after an empty value, `chart:`):
    // the key is named, and pointed at, where it is written.
    const start = yamlError.code === 'DUPLICATE_KEY' ? yamlError.pos[0] + /^\s*/.exec(text.slice(yamlError.pos[0], yamlError.pos[0] + 200))![0].length : yamlError.pos[0];
    const pos = lines.linePos(start);
    const hint = yamlError.code === 'DUPLICATE_KEY' ? emptyKeyAbove(text, start) : yamlHint(yamlError.code, yamlError.message, text, yamlError.pos[0]);
    // yaml says only "Map keys must be unique": the key is named, as a user looks for it.
    const what =
      yamlError.code === 'DUPLICATE_KEY'
        ? `key ${keyAt(text, start)}is given twice in one mapping (keep one)`
        : yamlError.code === 'MULTIPLE_DOCS'
          ? 'a spec is one YAML document, and a second starts here (a line of ---)'
          : /Maximum call stack/.test(yamlError.message)
            ? 'nested too deeply to be a spec'
            : yamlError.message.split('\n')[0];
    throw new SurveyError('SURVEY_SPEC_INVALID', `invalid YAML: ${what}`, { location: { file, line: pos.line, column: pos.col }, ...(hint ? { hint } : {}) });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Aliases that expand to millions of nodes (a "billion laughs"): refused, as yaml refuses them.
    if (!(e instanceof ReferenceError || e instanceof RangeError)) throw e;
    throw new SurveyError('SURVEY_SPEC_INVALID', 'invalid YAML: its aliases (*name) expand to too much to be a spec', { location: { file, line: 1 } });
  }
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    // Walk up to the nearest node that exists (a missing key is reported at its parent).
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SurveyError('SURVEY_SPEC_INVALID', 'a spec is a YAML mapping with `version: 1` at the top', { location: { file, line: 1 } });
  }
  checkTableKeys(data, file, lineOf);
  checkExpressionRules(data, file, lineOf);
  const errors = validate(data);
  if (errors.length > 0) {
    const e = mostUseful(errors);
    const path = pointerToPath(e.instancePath);
    // An unknown key is found at the key itself, not at the mapping holding it.
    const at = e.keyword === 'additionalProperties' ? [...path, String((e.params as { additionalProperty: string }).additionalProperty)] : path;
    const others = otherProblems(errors, e).map((o) => {
      const p = pointerToPath(o.instancePath);
      const oAt = o.keyword === 'additionalProperties' ? [...p, String((o.params as { additionalProperty: string }).additionalProperty)] : p;
      return `line ${lineOf(oAt) ?? 1}: ${formatPath(p)}: ${describe(o)}`;
    });
    const also = others.length > 0 ? `also ${others.slice(0, 3).join('; ')}${others.length > 3 ? `; and ${others.length - 3} more` : ''}` : undefined;
    const under = underEmptyKey(data, path, e, errors);
    throw new SurveyError('SURVEY_SPEC_INVALID', `${formatPath(path)}: ${under?.message ?? describeWithAlternatives(errors, e)}`, {
      location: { file, line: lineOf(at) ?? 1 },
      hint: under?.hint ?? splitAtComma(data, path, e) ?? textForList(data, path, e) ?? also,
    });
  }
  // The study's zone reads every timestamp: a wrong one is named where it is written, whether or not a rule reads dates.
  const tz = (data as StudySpec).input?.timezone;
  if (tz !== undefined && !isTimeZone(tz)) {
    throw new SurveyError('SURVEY_SPEC_INVALID', `input.timezone: ${messages.unknownTimeZone(tz)}`, { location: { file, line: lineOf(['input', 'timezone']) ?? 1 }, hint: messages.timeZoneHint() });
  }
  return { spec: data as StudySpec, file, lineOf };
}

/** The keys only some kinds of table take; the rest (id, title, filter, chart ...) all do. */
const TABLE_KEYS: Record<string, readonly string[]> = { frequency: ['question'], crosstab: ['row', 'column'], banner: ['row', 'rows', 'columns', 'total', 'minBase'] };
const HOW: Record<string, string> = { frequency: 'question: (one question)', crosstab: 'row: and column: (one question each)', banner: 'rows: (or row:) and columns:' };

/**
 * A key of another kind of table (`rows:` on a crosstab, `row:` on a frequency table) is named as
 * such before the schema would call it merely the wrong shape ("must be a list").
 */
function checkTableKeys(data: object, file: string, lineOf: (path: readonly (string | number)[]) => number | undefined): void {
  const tables = (data as { tables?: unknown }).tables;
  if (!Array.isArray(tables)) return;
  tables.forEach((t: unknown, i) => {
    if (t === null || typeof t !== 'object') return;
    const type = (t as { type?: unknown }).type;
    if (typeof type !== 'string' || !(type in TABLE_KEYS)) return;
    const own = TABLE_KEYS[type]!;
    for (const key of Object.keys(t)) {
      const of = Object.keys(TABLE_KEYS).filter((k) => k !== type && TABLE_KEYS[k]!.includes(key));
      if (own.includes(key) || of.length === 0) continue;
      const path = ['tables', i, key];
      throw new SurveyError('SURVEY_SPEC_INVALID', `${formatPath(path)}: '${key}' is a key of ${of.map((k) => `a ${k}`).join(' or ')} table, not of a ${type} table`, {
        location: { file, line: lineOf(path) ?? 1 },
        hint: `a ${type} table takes ${HOW[type]}`,
      });
    }
  });
}

/** The keys a rule of an expression (rule: test, rule: expression) takes; `when` is rule: test's first name for `remove`. */
const EXPRESSION_RULE_KEYS: Record<string, readonly string[]> = { test: ['rule', 'name', 'remove', 'when'], expression: ['rule', 'name', 'remove'] };
const REMOVE = 'remove: (an expression true for the rows to remove)';

/**
 * rule: test and rule: expression both take their expression as `remove:` (rule: test still reads
 * `when:`, its first name). A key that is neither is pointed to `remove:`, not to its nearest
 * spelling (`where` is not `when`); `when:` on rule: expression, or both keys on one rule, is said as such.
 */
function checkExpressionRules(data: object, file: string, lineOf: (path: readonly (string | number)[]) => number | undefined): void {
  const filters = (data as { filters?: unknown }).filters;
  if (!Array.isArray(filters)) return;
  filters.forEach((f: unknown, i) => {
    if (f === null || typeof f !== 'object' || Array.isArray(f)) return;
    const rule = (f as { rule?: unknown }).rule;
    if (typeof rule !== 'string' || !(rule in EXPRESSION_RULE_KEYS)) return;
    const known = EXPRESSION_RULE_KEYS[rule]!;
    const fail = (key: string, message: string, hint: string): never => {
      const path = ['filters', i, key];
      throw new SurveyError('SURVEY_SPEC_INVALID', `${formatPath(path)}: ${message}`, { location: { file, line: lineOf(path) ?? 1 }, hint });
    };
    for (const key of Object.keys(f)) {
      if (known.includes(key)) continue;
      if (key === 'when') fail(key, `rule: expression takes its expression as ${REMOVE}, not when:`, "rename when: to remove: (rule: test reads either)");
      // A misspelt name is a name; any other key is an attempt at the expression.
      if (closest(key, ['name']) !== undefined) continue;
      fail(key, `unknown key '${key}', did you mean 'remove'?`, `rule: ${rule} takes its expression as ${REMOVE}`);
    }
    if ('remove' in f && 'when' in f) fail('when', "give remove: or when:, not both: when: is rule: test's first name for remove:", 'keep remove:');
  });
}

/**
 * A number where a list wants an answer, right after one: YAML split an answer at its comma
 * (`[$0 - $24,999]` is "$0 - $24" and 999), which quotes keep whole.
 */
function splitAtComma(data: object, path: readonly (string | number)[], e: ErrorObject): string | undefined {
  const k = path[path.length - 1];
  if (e.keyword !== 'type' || typeof k !== 'number' || k === 0) return undefined;
  let list: unknown = data;
  for (const key of path.slice(0, -1)) list = (list as Record<string | number, unknown>)?.[key];
  if (!Array.isArray(list) || typeof list[k] !== 'number' || typeof list[k - 1] !== 'string') return undefined;
  return messages.commaSplit(`${list[k - 1]},${String(list[k]).padStart(3, '0')}`);
}

/**
 * An unknown key right after a key left empty (`input:` then `file: x.csv` at its level) was
 * meant under it, one indentation deeper: said so, not matched to the nearest key at its level
 * ('file' is not 'title'). Only when the empty key needs a value there (the schema refused its null).
 */
function underEmptyKey(data: object, path: readonly (string | number)[], e: ErrorObject, errors: readonly ErrorObject[]): { message: string; hint: string } | undefined {
  if (e.keyword !== 'additionalProperties') return undefined;
  const key = String((e.params as { additionalProperty: string }).additionalProperty);
  let parent: unknown = data;
  for (const k of path) parent = (parent as Record<string | number, unknown>)?.[k];
  if (parent === null || typeof parent !== 'object') return undefined;
  const keys = Object.keys(parent);
  const above = keys[keys.indexOf(key) - 1];
  if (above === undefined || (parent as Record<string, unknown>)[above] !== null) return undefined;
  if (!errors.some((o) => o.instancePath === `${e.instancePath}/${above.replace(/~/g, '~0').replace(/\//g, '~1')}` && o.keyword === 'type')) return undefined;
  return { message: `unknown key '${key}': '${above}:' just above it is empty; '${key}' belongs under it`, hint: `indent '${key}' (and the keys after it that go with it) deeper than '${above}:'` };
}

/**
 * Text where a list is wanted (`options: Female, Male`, a net's `F: Female`): the brackets that
 * make it a list.
 */
function textForList(data: object, path: readonly (string | number)[], e: ErrorObject): string | undefined {
  if (e.keyword !== 'type' || (e.params as { type?: string }).type !== 'array') return undefined;
  let value: unknown = data;
  for (const k of path) value = (value as Record<string | number, unknown>)?.[k];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const key = path[path.length - 1];
  return `a list is written in brackets: ${typeof key === 'string' ? `${key}: ` : ''}[${String(value)}] (quote an answer that holds a comma: ["Yes, very"])`;
}

/** Schema errors from if/then branches come in pairs; the deepest specific one helps most. */
function mostUseful(errors: ErrorObject[]): ErrorObject {
  const specific = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'oneOf' && e.keyword !== 'allOf');
  // A misspelt key explains a missing one; report the misspelling.
  const unknownKeys = specific.filter((e) => e.keyword === 'additionalProperties');
  const pool = unknownKeys.length > 0 ? unknownKeys : specific.length > 0 ? specific : errors;
  return pool.reduce((best, e) => (e.instancePath.length > best.instancePath.length ? e : best), pool[0]!);
}

/**
 * Problems elsewhere in the spec, one per place: not the one reported, nor the schema's
 * branches and the places above it that fail because it does.
 */
function otherProblems(errors: ErrorObject[], reported: ErrorObject): ErrorObject[] {
  const seen = new Set([reported.instancePath]);
  const out: ErrorObject[] = [];
  for (const o of errors) {
    if (o.keyword === 'if' || o.keyword === 'oneOf' || o.keyword === 'allOf' || o.keyword === 'anyOf') continue;
    if (seen.has(o.instancePath) || reported.instancePath.startsWith(`${o.instancePath}/`) || o.instancePath.startsWith(`${reported.instancePath}/`)) continue;
    seen.add(o.instancePath);
    out.push(o);
  }
  return out;
}

/**
 * A value that fits none of the schema's choices (`chart: true` against `false` or a mapping) is
 * told every choice, not only the first: "must be false or a mapping (false: no chart; or ...)".
 */
function describeWithAlternatives(errors: ErrorObject[], e: ErrorObject): string {
  const choices = errors.filter((o) => o.instancePath === e.instancePath && (o.keyword === 'const' || o.keyword === 'type' || o.keyword === 'enum'));
  const branching = errors.find((o) => o.instancePath === e.instancePath && o.keyword === 'oneOf');
  if (choices.length < 2 || branching === undefined) return describe(e);
  const what = [...new Set(choices.map((o) => describe(o).replace(/^must be /, '')))].join(' or ');
  const why = (branching.parentSchema as { description?: string } | undefined)?.description;
  return `must be ${what}${why ? ` (${why})` : ''}`;
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const known = Object.keys(parent?.properties ?? {});
      const near = closest(key, known);
      return `unknown key '${key}'${near ? `, did you mean '${near}'?` : known.length > 0 ? ` (expected ${known.join(', ')})` : ''}`;
    }
    case 'required':
      return `missing '${String(p.missingProperty)}'`;
    case 'enum': {
      // A misspelt choice (type: singel, keep: frist) is named with the one meant, as a misspelt key is.
      const allowed = p.allowedValues as unknown[];
      const near = typeof e.data === 'string' ? closest(e.data, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}${near !== undefined ? `, did you mean '${near}'?` : ''}`;
    }
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'type':
      return `must be ${p.type === 'object' ? 'a mapping' : p.type === 'array' ? 'a list' : String(p.type)}`;
    // ajv's "must NOT have fewer than 1 characters" for an empty text.
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} characters`;
    case 'pattern': {
      const why = (e.parentSchema as { description?: string } | undefined)?.description;
      return `must match ${String(p.pattern)}${why ? ` (${why})` : ''}`;
    }
    default:
      return e.message ?? e.keyword;
  }
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `tables[2].row`, the way users read paths. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
