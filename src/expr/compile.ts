/**
 * A small, safe expression language for filters and table bases, parsed by jsep
 * and evaluated by walking its syntax tree: no `eval`, no `Function`, no access
 * to anything but the row's answers and the functions listed here.
 *
 *   gov == "Let users be the best judge"
 *   age >= 18 and not (lower(name) startsWith "test")
 *   "Telegram" in apps
 */
import jsep from 'jsep';

// A name may hold dots: `grid.item`, and ids numbered by block (Qualtrics' Q1.2, the grid item
// Q2.1.privacy), which jsep would otherwise read as a member access on a number.
jsep.addIdentifierChar('.');
import { SurveyError } from '../errors/survey-error.js';

export type Value = string | number | boolean | null | Value[];

/** Looks up a name in the current row: a question id, answered or null. */
export type Resolve = (name: string) => Value;

export type Evaluator = (resolve: Resolve) => Value;

export interface Compiled {
  evaluate: Evaluator;
  /** Every name the expression reads, so unknown ids are caught before reading any data. */
  names: string[];
  /** Each name compared with a literal, so a literal no answer can equal is caught (engine/check-answers.ts). */
  comparisons: Comparison[];
  source: string;
}

/**
 * A name compared with a literal: `freq == "Never"`, `age < 30` (`30 > age` is read as `age < 30`),
 * each element of `freq in ["A", "B"]` as `==`, and `"Telegram" in apps` or `apps contains "Telegram"`
 * as `has` (membership of a multi-select, a substring test on text).
 */
export interface Comparison {
  name: string;
  op: '==' | '!=' | '<' | '<=' | '>' | '>=' | 'has';
  value: string | number;
}

// Word operators read better in YAML specs than && and ||.
jsep.addBinaryOp('and', 2);
jsep.addBinaryOp('or', 1);
jsep.addBinaryOp('in', 7);
jsep.addBinaryOp('contains', 7);
jsep.addBinaryOp('startsWith', 7);
jsep.addBinaryOp('endsWith', 7);
jsep.addBinaryOp('matches', 7);
jsep.addUnaryOp('not');

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  lower: (s) => (typeof s === 'string' ? s.toLowerCase() : s),
  upper: (s) => (typeof s === 'string' ? s.toUpperCase() : s),
  trim: (s) => (typeof s === 'string' ? s.trim() : s),
  len: (s) => (typeof s === 'string' || Array.isArray(s) ? s.length : 0),
  number: (s) => (typeof s === 'number' ? s : typeof s === 'string' && s.trim() !== '' && !Number.isNaN(Number(s)) ? Number(s) : null),
  blank: (s) => s === null || s === '' || (Array.isArray(s) && s.length === 0),
  digits: (s) => (typeof s === 'string' ? s.replace(/\D/g, '') : s),
};

export function compile(source: string): Compiled {
  let ast: jsep.Expression;
  try {
    ast = jsep(source);
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(source);
    throw new SurveyError('SURVEY_EXPR_INVALID', `invalid expression ${JSON.stringify(source)}: ${(e as Error).message}`, { hint: hintFor(source) });
  }
  const names = new Set<string>();
  const comparisons: Comparison[] = [];
  let evaluate: Evaluator;
  try {
    evaluate = build(ast, source, names, comparisons);
  } catch (e) {
    // Thousands of terms nest deeper than the stack: refused, as the parser refuses them.
    if (e instanceof RangeError) throw tooDeep(source);
    throw e;
  }
  // Every expression here chooses rows: a part that yields an answer or a number (`age`, `lower(x)`) would keep whatever is not blank or 0, unsaid.
  const loose = untested(ast);
  if (loose !== null) fail(source, `${loose} chooses no rows: compare it (age > 30, gender == "Female") or test it (blank(age))`);
  return { evaluate, names: [...names], comparisons, source };
}

function tooDeep(source: string): SurveyError {
  return new SurveyError('SURVEY_EXPR_INVALID', `invalid expression of ${source.length} characters: nested too deeply`);
}

const LOGICAL = new Set(['and', 'or', '&&', '||']);
/** Operators whose result is true or false (the comparisons are COMPARISONS' keys). */
const TEXT_TESTS = ['in', 'contains', 'startsWith', 'endsWith', 'matches'];

/**
 * The first part of a condition that yields no true or false (a name, a number, arithmetic,
 * `lower(x)`), as "it" or as "`age`" within `and`/`or`/`not`; null when every part is a test: a
 * comparison, `not`, `blank()`, true/false.
 */
function untested(node: jsep.Expression, top = true): string | null {
  const it = top ? 'it' : `\`${partSource(node)}\``;
  switch (node.type) {
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (LOGICAL.has(b.operator)) return untested(b.left, false) ?? untested(b.right, false);
      return Object.hasOwn(COMPARISONS, b.operator) || TEXT_TESTS.includes(b.operator) ? null : it;
    }
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      return u.operator === '!' || u.operator === 'not' ? untested(u.argument, false) : it;
    }
    case 'CallExpression': {
      const callee = (node as jsep.CallExpression).callee;
      return callee.type === 'Identifier' && (callee as jsep.Identifier).name === 'blank' ? null : it;
    }
    case 'ConditionalExpression': {
      const c = node as jsep.ConditionalExpression;
      return untested(c.consequent, false) ?? untested(c.alternate, false);
    }
    case 'Identifier':
      return ['true', 'false'].includes((node as jsep.Identifier).name) ? null : it;
    case 'Literal':
      return typeof (node as jsep.Literal).value === 'boolean' ? null : it;
    default:
      return it;
  }
}

/** A part of an expression as the user would write it: a name, a literal, or a call's name. */
function partSource(node: jsep.Expression): string {
  if (node.type === 'Identifier') return (node as jsep.Identifier).name;
  if (node.type === 'Literal') return String((node as jsep.Literal).raw);
  if (node.type === 'MemberExpression' && !(node as jsep.MemberExpression).computed) {
    const m = node as jsep.MemberExpression;
    return `${partSource(m.object)}.${partSource(m.property)}`;
  }
  if (node.type === 'CallExpression') return `${partSource((node as jsep.CallExpression).callee)}(...)`;
  return 'a part';
}

function fail(source: string, what: string): never {
  throw new SurveyError('SURVEY_EXPR_INVALID', `invalid expression ${JSON.stringify(source)}: ${what}`, { hint: hintFor(source) });
}

/** `=` where `==` was meant is the commonest slip; otherwise the operators and functions there are. */
function hintFor(source: string): string {
  // Quoted text aside: "a = b" inside quotes is an answer, not an operator.
  const parts = source.split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/);
  const code = parts.filter((_, i) => i % 2 === 0);
  if (code.some((p) => /=[<>]/.test(p))) return 'write <= and >= with the = last';
  const lone = /(^|[^=!<>])=(?![=<>])/;
  if (code.some((p) => lone.test(p))) {
    const fixed = parts.map((p, i) => (i % 2 === 0 ? p.replace(/(^|[^=!<>])=(?![=<>])/g, '$1==') : p)).join('');
    return `compare with == (one = is not a comparison): ${fixed}`;
  }
  return 'operators: == != < <= > >= and or not in contains startsWith endsWith matches; functions: ' + Object.keys(FUNCTIONS).join(', ');
}

function build(node: jsep.Expression, source: string, names: Set<string>, comparisons: Comparison[]): Evaluator {
  switch (node.type) {
    case 'Literal': {
      const v = (node as jsep.Literal).value as Value;
      return () => v;
    }
    case 'Identifier': {
      const name = (node as jsep.Identifier).name;
      if (name === 'true' || name === 'false') return () => name === 'true';
      if (name === 'null') return () => null;
      names.add(name);
      return (resolve) => resolve(name);
    }
    case 'MemberExpression': {
      // `grid.item` names a grid item; computed access (a[b]) is not allowed.
      const m = node as jsep.MemberExpression;
      if (m.computed) fail(source, 'indexing with [] is not supported');
      const name = dotted(m, source);
      names.add(name);
      return (resolve) => resolve(name);
    }
    case 'ArrayExpression': {
      const items = (node as jsep.ArrayExpression).elements.map((e) => (e ? build(e, source, names, comparisons) : () => null));
      return (r) => items.map((f) => f(r));
    }
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      const arg = build(u.argument, source, names, comparisons);
      if (u.operator === '!' || u.operator === 'not') return (r) => !truthy(arg(r));
      if (u.operator === '-') return (r) => -(toNumber(arg(r)) ?? NaN);
      return fail(source, `unknown operator ${u.operator}`);
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      comparisons.push(...compared(b, source));
      if (b.operator === 'matches') checkPattern(b.right, source);
      return binary(b.operator, build(b.left, source, names, comparisons), build(b.right, source, names, comparisons), source);
    }
    case 'ConditionalExpression': {
      const c = node as jsep.ConditionalExpression;
      const [t, a, z] = [build(c.test, source, names, comparisons), build(c.consequent, source, names, comparisons), build(c.alternate, source, names, comparisons)];
      return (r) => (truthy(t(r)) ? a(r) : z(r));
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression;
      if (call.callee.type !== 'Identifier') fail(source, 'only the listed functions can be called');
      const name = (call.callee as jsep.Identifier).name;
      const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (!fn) fail(source, `unknown function ${name}()`);
      if (call.arguments.length !== fn.length) fail(source, `${name}() takes ${fn.length} argument${fn.length === 1 ? '' : 's'}, not ${call.arguments.length}`);
      const args = call.arguments.map((a) => build(a, source, names, comparisons));
      return (r) => fn(...args.map((a) => a(r)));
    }
    case 'Compound':
      return fail(source, 'one expression expected');
    default:
      return fail(source, `${node.type} is not supported`);
  }
}

const COMPARISONS: Record<string, Comparison['op']> = { '==': '==', '===': '==', '!=': '!=', '!==': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
/** `30 > age` is `age < 30`. */
const MIRRORED: Partial<Record<Comparison['op'], Comparison['op']>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** What a comparison of a name with a literal says of the name's answers; nothing for anything else. */
function compared(b: jsep.BinaryExpression, source: string): Comparison[] {
  if (b.operator === 'in' || b.operator === 'contains') {
    const [hay, needle] = b.operator === 'in' ? [b.right, b.left] : [b.left, b.right];
    const name = nameOf(hay, source);
    const value = literalOf(needle);
    if (name !== undefined && value !== undefined) return [{ name, op: 'has', value }];
    const one = nameOf(needle, source);
    if (one === undefined || hay.type !== 'ArrayExpression') return [];
    return (hay as jsep.ArrayExpression).elements.flatMap((e) => {
      const v = e ? literalOf(e) : undefined;
      return v === undefined ? [] : [{ name: one, op: '==' as const, value: v }];
    });
  }
  const op = Object.hasOwn(COMPARISONS, b.operator) ? COMPARISONS[b.operator]! : undefined;
  if (op === undefined) return [];
  const [left, right] = [nameOf(b.left, source), nameOf(b.right, source)];
  const [leftValue, rightValue] = [literalOf(b.left), literalOf(b.right)];
  if (left !== undefined && rightValue !== undefined) return [{ name: left, op, value: rightValue }];
  if (right !== undefined && leftValue !== undefined) return [{ name: right, op: MIRRORED[op] ?? op, value: leftValue }];
  return [];
}

/** The question id a node reads (`grid.item` for a grid's item), or undefined. */
function nameOf(node: jsep.Expression, source: string): string | undefined {
  if (node.type === 'Identifier') {
    const name = (node as jsep.Identifier).name;
    return name === 'true' || name === 'false' || name === 'null' ? undefined : name;
  }
  return node.type === 'MemberExpression' && !(node as jsep.MemberExpression).computed ? dotted(node as jsep.MemberExpression, source) : undefined;
}

/** A text or number literal (`-1` too), or undefined. */
function literalOf(node: jsep.Expression): string | number | undefined {
  if (node.type === 'Literal') {
    const v = (node as jsep.Literal).value;
    return typeof v === 'string' || typeof v === 'number' ? v : undefined;
  }
  const u = node as jsep.UnaryExpression;
  const v = node.type === 'UnaryExpression' && u.operator === '-' ? literalOf(u.argument) : undefined;
  return typeof v === 'number' ? -v : undefined;
}

function dotted(m: jsep.MemberExpression, source: string): string {
  const prop = m.property as jsep.Identifier;
  const obj = m.object;
  const left = obj.type === 'Identifier' ? (obj as jsep.Identifier).name : obj.type === 'MemberExpression' ? dotted(obj as jsep.MemberExpression, source) : fail(source, 'bad name');
  return `${left}.${prop.name}`;
}

function binary(op: string, l: Evaluator, r: Evaluator, source: string): Evaluator {
  switch (op) {
    case '&&':
    case 'and':
      return (x) => truthy(l(x)) && truthy(r(x));
    case '||':
    case 'or':
      return (x) => truthy(l(x)) || truthy(r(x));
    case '==':
    case '===':
      return (x) => equal(l(x), r(x));
    case '!=':
    case '!==':
      return (x) => !equal(l(x), r(x));
    case '<':
      return (x) => compare(l(x), r(x), (a, b) => a < b);
    case '<=':
      return (x) => compare(l(x), r(x), (a, b) => a <= b);
    case '>':
      return (x) => compare(l(x), r(x), (a, b) => a > b);
    case '>=':
      return (x) => compare(l(x), r(x), (a, b) => a >= b);
    case '+':
      return (x) => arith(l(x), r(x), (a, b) => a + b);
    case '-':
      return (x) => arith(l(x), r(x), (a, b) => a - b);
    case '*':
      return (x) => arith(l(x), r(x), (a, b) => a * b);
    case '/':
      return (x) => arith(l(x), r(x), (a, b) => a / b);
    case 'in':
      // "a" in apps: membership in a multi-select answer or a list literal.
      return (x) => {
        const hay = r(x);
        const needle = l(x);
        return Array.isArray(hay) ? hay.some((h) => equal(h, needle)) : typeof hay === 'string' && typeof needle === 'string' && hay.includes(needle);
      };
    case 'contains':
      return (x) => {
        const hay = l(x);
        const needle = r(x);
        return Array.isArray(hay) ? hay.some((h) => equal(h, needle)) : typeof hay === 'string' && typeof needle === 'string' && hay.includes(needle);
      };
    case 'startsWith':
      return (x) => strings(l(x), r(x), (a, b) => a.startsWith(b));
    case 'endsWith':
      return (x) => strings(l(x), r(x), (a, b) => a.endsWith(b));
    case 'matches': {
      let cache: { pattern: string; re: RegExp } | null = null;
      return (x) =>
        strings(l(x), r(x), (a, pattern) => {
          if (cache?.pattern !== pattern) {
            try {
              cache = { pattern, re: new RegExp(pattern, 'i') };
            } catch {
              fail(source, `bad regular expression ${JSON.stringify(pattern)}`);
            }
          }
          return cache.re.test(a);
        });
    }
    default:
      return fail(source, `unknown operator ${op}`);
  }
}

/**
 * A pattern written in the expression is checked before any row is read: valid, and without a
 * repeat inside a repeated group (`(x+)+`), which can take exponentially long on one answer.
 */
function checkPattern(node: jsep.Expression, source: string): void {
  const pattern = literalOf(node);
  if (typeof pattern !== 'string') return;
  try {
    new RegExp(pattern, 'i');
  } catch {
    fail(source, `bad regular expression ${JSON.stringify(pattern)}`);
  }
  if (/\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\d*\})/.test(pattern)) {
    throw new SurveyError('SURVEY_EXPR_INVALID', `invalid expression ${JSON.stringify(source)}: the pattern ${JSON.stringify(pattern)} repeats a group that itself repeats, which can take exponentially long on one answer`, {
      hint: 'repeat the inner part once: (x+)+ is x+',
    });
  }
}

/**
 * `gender == Male`: a bare word compared with is most likely an answer that wants quotes. The
 * expression with it quoted, or null when `name` is not compared with.
 */
export function withQuotedAnswer(source: string, name: string, isQuestion: (word: string) => boolean = () => false): string | null {
  const compared = new RegExp(`\\s*(==|!=|<=|>=|<|>)\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  if (!compared.test(source)) return null;
  // Every bare word compared with that names no question is quoted, so the hint is an expression that works.
  const parts = source.split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/);
  return parts
    .map((p, i) => (i % 2 === 1 ? p : p.replace(/\s*(==|!=|<=|>=|<|>)\s*([A-Za-z_][\w.]*)\b/g, (m, op: string, word: string) => (word === name || (!isQuestion(word) && !['true', 'false', 'null'].includes(word)) ? ` ${op} "${word}"` : m))))
    .join('');
}

export function truthy(v: Value): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && v !== false && v !== '' && v !== 0;
}

export function toNumber(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return null;
}

export function equal(a: Value, b: Value): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    return x !== null && y !== null ? x === y : a === b;
  }
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function compare(a: Value, b: Value, op: (x: number | string, y: number | string) => boolean): boolean {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== null && y !== null) return op(x, y);
  if (typeof a === 'string' && typeof b === 'string') return op(a, b);
  return false;
}

function arith(a: Value, b: Value, op: (x: number, y: number) => number): Value {
  const x = toNumber(a);
  const y = toNumber(b);
  return x === null || y === null ? null : op(x, y);
}

function strings(a: Value, b: Value, op: (x: string, y: string) => boolean): boolean {
  return typeof a === 'string' && typeof b === 'string' && op(a, b);
}
