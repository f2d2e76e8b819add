/**
 * The one rule for characters in data that are not text: control characters and bidirectional
 * formatting characters that change how the text around them is shown. Every output that a
 * person reads (terminal, Markdown, SVG charts, report.html, CSV, XLSX) shows them through
 * `showControls`; JSON keeps them as data, written as \u escapes (`escapeControlsInJson`).
 *
 * They are shown, not dropped: "Ma\u202Ele" and "Male" are two answers, and dropping the
 * override would draw two bars, two rows, two legend entries both reading "Male".
 */

/**
 * - C0 controls other than tab, LF and CR (those three are white space each output already
 *   handles: a terminal makes them spaces, a CSV cell quotes them), DEL and C1 controls:
 *   terminal escape sequences (ESC, and CSI as U+009B), and characters XML cannot hold;
 * - bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): an
 *   unclosed U+202E reverses everything after it on the line, in a chart's aria-label that
 *   joins every answer, too ("Trojan Source"). The marks U+200E, U+200F and U+061C stay: they
 *   reach no further than the characters next to them, and Hebrew and Arabic text uses them;
 * - the noncharacters U+FFFE and U+FFFF and lone surrogates, which XML cannot hold.
 */
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]/gu;

/** `U+202E`: how Unicode names a character. */
function codePoint(c: string): string {
  return c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Each control or bidirectional formatting character made visible: a C0 control as its Unicode
 * picture (NUL as ␀, ESC as ␛, DEL as ␡), any other as `<U+202E>` (there are no pictures for
 * them; `less` shows them the same way). Deterministic, one character in, one mark out.
 */
export function showControls(s: string): string {
  return s.replace(NOT_TEXT, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `<U+${codePoint(c)}>`;
  });
}

/**
 * JSON text with the same characters written as \u escapes: JSON.parse gives back exactly the
 * text of the data, and the file, shown in a terminal, an editor or a code review, holds no
 * character that drives the terminal or reorders the line. JSON.stringify escapes C0 controls
 * and lone surrogates itself; DEL, C1 and bidirectional characters can only stand inside strings.
 */
export function escapeControlsInJson(json: string): string {
  return json.replace(NOT_TEXT, (c) => `\\u${codePoint(c).toLowerCase()}`);
}
