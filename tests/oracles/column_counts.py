#!/usr/bin/env python3
"""Independent oracle: per-column answer counts for every CSV under fixtures/fivethirtyeight.

Standard library only (no pandas), so it is independent of the TypeScript reader
and of any CSV library the TypeScript code uses.

Run from the repository root:

    python3 tests/oracles/column_counts.py            # writes tests/oracles/output/column-counts.json
    python3 tests/oracles/column_counts.py --notes    # also prints data-quality notes to stderr

Rules (these are the contract the TypeScript tests compare against):

* Decoding: the raw bytes are decoded as UTF-8 (a leading BOM is stripped) when
  they are valid UTF-8; food-world-cup (which starts with bytes listed in MAC_ROMAN) as
  Mac OS Roman; otherwise as windows-1252 *as the WHATWG Encoding
  Standard defines it* (what JavaScript's TextDecoder('windows-1252') does):
  Python's cp1252 codec leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; here
  they map to the C1 control code point of the same value (U+0081 ...).
  No file in the fixtures currently contains one of those five bytes.
* Parsing: Python's csv module (RFC 4180 quoting; CR, LF and CRLF all end a
  record; newlines inside quotes are kept).
* Header rows: 2 when the second record contains a cell exactly equal to
  "Response" or "Open-Ended Response" (SurveyMonkey two-row export), else 1.
* rows: data records (after the header rows) excluding records whose every
  cell is blank.  A cell is blank when it is empty after trimming.
* Trimming removes surrounding spaces, tabs, CR, LF and no-break spaces only (" \\t\\r\\n\\u00a0").
  (For these fixtures this gives the same result as JavaScript's
  String.prototype.trim(): no value begins or ends with any other whitespace
  character -- run with --notes to re-check.)
* columns: one entry per column index 0 .. (widest record - 1); header cells
  missing in a short header record are "".  Cells missing in a short data
  record count as blank.
* counts: {trimmed value: number of data records}, blanks excluded; columns
  with more than 200 distinct values get "counts": null and "distinct": k.

Row counts versus /work/shared/datasets/README.md (the table the fixtures came with):
every file that has a figure there matches this script exactly -- no discrepancy:
  star-wars-survey/StarWars.csv 1,186 (and the CR-line-ending copy 1,186);
  comma-survey 1,129; steak-risk-survey 550; flying-etiquette 1,040;
  thanksgiving-2015 1,058; masculinity-survey/raw-responses 1,615;
  region-survey/MIDWEST 2,778; region-survey/SOUTH 2,528.
Files the README gives no figure for ("-"), as computed here:
  food-world-cup 1,373; sleeping-alone 1,093; weather-check 928;
  religion-survey 1,039 (its folder README / article says 661 respondents: the
  file holds 1,039 data records -- 2 header rows, no respondent id -- so the
  article's 661 is a filtered base, not the row count);
  masculinity-survey/masculinity-survey.csv 231 (a published banner table, not
  respondent data: these are table rows; one all-blank record is skipped).
"""

import csv
import io
import json
import os
import sys
from collections import Counter

csv.field_size_limit(sys.maxsize)

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(REPO, "fixtures")
ROOT = os.path.join(FIXTURES, "fivethirtyeight")
OUT = os.path.join(REPO, "tests", "oracles", "output", "column-counts.json")

TRIM = " \t\r\n\u00a0"
MAX_DISTINCT = 200
SECOND_HEADER_MARKERS = ("Response", "Open-Ended Response")


def _whatwg_1252_table():
    table = []
    for i in range(256):
        try:
            table.append(bytes([i]).decode("cp1252"))
        except UnicodeDecodeError:
            # WHATWG windows-1252: the five bytes cp1252 leaves undefined map to
            # the C1 control with the same value.
            table.append(chr(i))
    return table


WIN1252 = _whatwg_1252_table()


# Files known (by looking at their bytes, not by survey's sniffing) to be Mac OS Roman, as
# Excel for Mac wrote "CSV": food-world-cup's 0xCA after words is a no-break space there.
MAC_ROMAN = {b'RespondentID,"Generally speaking, how would you rate your level of knowledge\xcaof cuisines'}


def decode(raw):
    """Return (text, encoding label)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        if any(raw.startswith(head) for head in MAC_ROMAN):
            return raw.decode("mac_roman"), "macintosh"
        return "".join(WIN1252[b] for b in raw), "windows-1252"
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, "utf-8"


def parse(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def trim(s):
    return s.strip(TRIM)


def is_blank_record(rec):
    return all(trim(c) == "" for c in rec)


def header_row_count(records):
    if len(records) > 1 and any(c in SECOND_HEADER_MARKERS for c in records[1]):
        return 2
    return 1


def analyse(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    text, encoding = decode(raw)
    records = parse(text)
    n_header = header_row_count(records)
    headers = records[:n_header]
    data = [r for r in records[n_header:] if not is_blank_record(r)]
    width = max(len(r) for r in records)

    columns = []
    for i in range(width):
        counter = Counter()
        for rec in data:
            v = trim(rec[i]) if i < len(rec) else ""
            if v != "":
                counter[v] += 1
        col = {
            "index": i,
            "header": [h[i] if i < len(h) else "" for h in headers],
            "nonBlank": sum(counter.values()),
        }
        if len(counter) > MAX_DISTINCT:
            col["counts"] = None
            col["distinct"] = len(counter)
        else:
            col["counts"] = dict(counter)
        columns.append(col)

    result = {
        "encoding": encoding,
        "headerRows": n_header,
        "rows": len(data),
        "columns": columns,
    }
    return result, records, n_header, raw, text


def notes(rel, records, n_header, raw, text):
    """Data-quality observations, printed to stderr with --notes."""
    out = []
    widths = Counter(len(r) for r in records)
    if len(widths) > 1:
        out.append("ragged records (width: count): %s" % dict(sorted(widths.items())))
    h1 = records[0]
    dup = {h: c for h, c in Counter(h1).items() if c > 1}
    if dup:
        out.append("duplicate first-row header texts: %s" % dup)
    if n_header == 2:
        dup2 = Counter(tuple(trim(x) for x in pair) for pair in zip(records[0], records[1]))
        d2 = {k: c for k, c in dup2.items() if c > 1}
        if d2:
            out.append("duplicate (row1,row2) header pairs: %s" % d2)
    blank_records = sum(1 for r in records[n_header:] if is_blank_record(r))
    if blank_records:
        out.append("all-blank data records skipped: %d" % blank_records)
    trimmed_cells = Counter()
    other_ws = Counter()
    newline_cells = Counter()
    for r in records[n_header:]:
        for i, c in enumerate(r):
            if c != trim(c):
                trimmed_cells[i] += 1
            if c.strip() != trim(c):
                other_ws[i] += 1
            if "\n" in c or "\r" in c:
                newline_cells[i] += 1
    if trimmed_cells:
        out.append("data cells changed by trimming, by column: %s" % dict(sorted(trimmed_cells.items())))
    if other_ws:
        out.append("cells where Unicode strip() != ' \\t\\r\\n' trim: %s" % dict(other_ws))
    if newline_cells:
        out.append("data cells with embedded newlines, by column: %s" % dict(newline_cells))
    hdr_trim = [i for h in records[:n_header] for i, c in enumerate(h) if c != trim(c)]
    if hdr_trim:
        out.append("header cells with surrounding whitespace at columns: %s" % sorted(set(hdr_trim)))
    nonascii = sorted({ch for ch in text if ord(ch) > 127})
    if nonascii:
        out.append("non-ASCII characters after decoding: %s" % ["U+%04X %r" % (ord(ch), ch) for ch in nonascii])
    for line_end, label in ((b"\r\n", "CRLF"),):
        if line_end in raw:
            out.append("contains %s" % label)
    crs = raw.count(b"\r") - raw.count(b"\r\n")
    if crs:
        out.append("bare CR bytes: %d" % crs)
    if not raw.endswith((b"\n", b"\r")):
        out.append("no line terminator after the last record")
    return out


def main(argv):
    show_notes = "--notes" in argv
    result = {}
    for dirpath, dirnames, filenames in os.walk(ROOT):
        # survey's own committed output (a report folder) is not an export.
        dirnames[:] = sorted(d for d in dirnames if d != "report")
        for name in sorted(filenames):
            if not name.lower().endswith(".csv"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, FIXTURES).replace(os.sep, "/")
            res, records, n_header, raw, text = analyse(path)
            result[rel] = res
            print("%-70s %-12s headerRows=%d rows=%d columns=%d"
                  % (rel, res["encoding"], res["headerRows"], res["rows"], len(res["columns"])))
            if show_notes:
                for line in notes(rel, records, n_header, raw, text):
                    print("    " + line, file=sys.stderr)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps(result, sort_keys=True, indent=1, ensure_ascii=False))
        fh.write("\n")
    print("wrote %s" % os.path.relpath(OUT, REPO))


if __name__ == "__main__":
    main(sys.argv[1:])
