#!/usr/bin/env python3
"""Independent oracle: the WhatsApp privacy 2021 reference study, filtered (pandas + scipy).

Run from the repository root:

    python3 tests/oracles/whatsapp_report.py            # writes tests/oracles/output/whatsapp-report.json
    python3 tests/oracles/whatsapp_report.py --compare  # also checks fixtures/.../expected.json

Written from scratch from the rules in fixtures/whatsapp-privacy-2021/README.md; it
does not import or call the fixture's generator (generate.mjs) or its checker
(check_expected.py), and expected.json is read only by --compare, after everything
has been computed.

Reading
* responses.csv must be valid UTF-8 (a leading BOM would be stripped); it is parsed
  with pandas.read_csv (all cells as strings, no NA conversion, quoted newlines kept)
  and the parse is cross-checked cell by cell against Python's csv module.
* The header must be exactly the 17 column texts the README lists, in order.
* Every answer is trimmed of surrounding " \\t\\r\\n"; blank = empty after trimming.

The four validity rules, applied in this order; each row is counted once, at the first
rule that removes it:
  fieldwork  Timestamp (format M/D/YYYY H:MM:SS, month first, no zone written) is
             parsed as an Asia/Kolkata wall-clock time, never converted, and kept when
             2021-01-09 00:00:00 <= t <= 2021-01-25 23:59:59 (IST, inclusive);
  test       name or e-mail, trimmed and lower-cased, STARTS WITH "test";
  required   any of the seven required questions (Graph1, 2, 3a, 3b, 4, 5, 6) blank;
  duplicates among the rows left after the first three rules, in file order: a row
             is removed when its normalised e-mail (trim, lower-case) OR normalised
             phone (ASCII digits only, leading zeros dropped, then a leading "91"
             dropped from a 12-digit number) equals that of an earlier KEPT row; an
             empty normalised key never matches anything.  The first row is kept.

Figures (all over the kept rows; percent = 100.0 * count / base, full float precision)
* frequencies: for each published question (keyed by its exact header text), counts
  per answer label (form order, zero counts included) and percent of the kept rows
  answering it (base = non-blank answers; for the required questions that is all kept
  rows).  The multi-select apps question is split against the known option list (one
  option contains ", "), giving counts per option, percentOfRespondents (base =
  respondents who ticked anything) and percentOfResponses (base = total ticks).
* profile: the Graph7 single-choice columns the same way (their values were never
  published; "Prefer not to say" is counted as an ordinary answer here); city is free
  text and only its blank / non-blank split is given.
* nets, crosstab (understanding rows x government columns, form order, Pearson
  chi-square without continuity correction via scipy.stats.chi2_contingency,
  cross-checked with plain numpy; cramersV = sqrt(chi2 / (n * (min(r, c) - 1)));
  lowExpectedShare = fraction 0..1 of cells with expected count < 5), and
  filteredBase (understanding among kept rows whose government answer is
  "Let users be the best judge").
"""

import os
import sys

try:
    import numpy as np
    import pandas as pd
    from scipy.stats import chi2_contingency
except ImportError:  # pragma: no cover - interpreter selection
    debian = "/usr/bin/python3"
    if os.path.exists(debian) and os.path.realpath(sys.executable) != os.path.realpath(debian) \
            and not os.environ.get("ORACLE_NO_REEXEC"):
        print("pandas/scipy not importable with %s; re-running with %s" % (sys.executable, debian),
              file=sys.stderr)
        os.environ["ORACLE_NO_REEXEC"] = "1"
        os.execv(debian, [debian] + sys.argv)
    sys.exit("whatsapp_report.py needs pandas and scipy: apt-get install -y python3-pandas python3-scipy")

import csv
import io
import json
import math
import re
from fractions import Fraction

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURE_DIR = os.path.join(REPO, "fixtures", "whatsapp-privacy-2021")
CSV_PATH = os.path.join(FIXTURE_DIR, "responses.csv")
EXPECTED_PATH = os.path.join(FIXTURE_DIR, "expected.json")
OUT = os.path.join(REPO, "tests", "oracles", "output", "whatsapp-report.json")

TRIM = " \t\r\n"
TZ = "Asia/Kolkata"
WINDOW_FROM = "2021-01-09 00:00:00"
WINDOW_TO = "2021-01-25 23:59:59"
TIMESTAMP_RE = r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}"
TIMESTAMP_FORMAT = "%m/%d/%Y %H:%M:%S"

# --- the questionnaire, as the README documents it -------------------------------------
TS = "Timestamp"
EMAIL = "Email Address"
NAME = "Your name"
PHONE = "Phone number (WhatsApp)"
USE = "How do you use WhatsApp?"
VIEW = "How do you see WhatsApp's new privacy policy?"
REACTION = "What was your first reaction to the new policy?"
AWARE = ("Were you aware that WhatsApp is changing its privacy policy, and will share your data "
         "with Facebook and Instagram?")
UNDERSTAND = "How well do you understand what the new policy means for users like you?"
GOV = "What should the government do about it?"
APPS = "Which messaging apps will you use or consider using? (Tick all that apply)"
QUIT = "When do you plan to quit WhatsApp?"
AGE = "Your age"
GENDER = "Gender"
CITY = "Which city or state do you live in?"
OCCUPATION = "Occupation"
COMMENTS = "Anything else you'd like to tell us?"

COLUMNS = [TS, EMAIL, NAME, PHONE, USE, VIEW, REACTION, AWARE, UNDERSTAND, GOV, APPS, QUIT,
           AGE, GENDER, CITY, OCCUPATION, COMMENTS]

LABELS = {
    USE: ["Personal use only", "WhatsApp Business only", "Both personal and Business"],
    VIEW: ["A serious breach of my privacy", "Not good, but I can live with it",
           "Does not bother me at all"],
    REACTION: ["I am quitting / have quit WhatsApp for good",
               "I will accept it, but start exploring other or additional apps",
               "I already use another messaging app",
               "I will accept it and keep using WhatsApp as before"],
    AWARE: ["Yes", "No"],
    UNDERSTAND: ["Fully well", "Reasonably well", "Not well enough", "Not at all"],
    GOV: ["Ask WhatsApp to roll back the change", "Bring in more holistic regulation",
          "Let users be the best judge"],
    APPS: ["Telegram", "Signal", "WhatsApp, while also using or considering other apps",
           "Only WhatsApp", "Other"],
    QUIT: ["Already quit", "Within a week", "Within a month", "No plans to quit"],
    AGE: ["Under 18", "18-24", "25-34", "35-44", "45-54", "55 and above"],
    GENDER: ["Female", "Male", "Non-binary", "Prefer not to say"],
    OCCUPATION: ["Student", "Salaried (private sector)", "Government / public sector",
                 "Self-employed / business owner", "Professional (doctor, lawyer, CA etc.)",
                 "Homemaker", "Retired", "Other"],
}
APPS_SEPARATOR = ", "

REQUIRED = [VIEW, REACTION, AWARE, UNDERSTAND, GOV, APPS, QUIT]
PUBLISHED = [(VIEW, "Graph1"), (REACTION, "Graph2"), (AWARE, "Graph3a"), (UNDERSTAND, "Graph3b"),
             (GOV, "Graph4"), (APPS, "Graph5"), (QUIT, "Graph6")]
PROFILE = [USE, AGE, GENDER, OCCUPATION]

NETS = [
    ("Government should step in", GOV,
     ["Ask WhatsApp to roll back the change", "Bring in more holistic regulation"]),
    ("Open to switching", QUIT, ["Already quit", "Within a week", "Within a month"]),
]
FILTERED_BASE_GOV = "Let users be the best judge"
COLLAPSE = {"Not well enough": "Not well enough or not at all",
            "Not at all": "Not well enough or not at all"}


# --- reading ----------------------------------------------------------------------------
def load():
    with open(CSV_PATH, "rb") as fh:
        raw = fh.read()
    text = raw.decode("utf-8")  # raises if not valid UTF-8
    if text.startswith("\ufeff"):
        text = text[1:]
    df = pd.read_csv(io.StringIO(text, newline=""), dtype=str, keep_default_na=False,
                     na_filter=False, skip_blank_lines=False, engine="c")
    if list(df.columns) != COLUMNS:
        raise SystemExit("unexpected header: %r" % list(df.columns))
    ref = list(csv.reader(io.StringIO(text, newline="")))
    if ref[0] != COLUMNS or df.values.tolist() != ref[1:]:
        raise SystemExit("pandas and the csv module parse responses.csv differently")
    return df


def trim(series):
    return series.str.strip(TRIM)


def parse_timestamps(series):
    bad = ~series.str.fullmatch(TIMESTAMP_RE)
    if bad.any():
        raise SystemExit("timestamps not in M/D/YYYY H:MM:SS: %r" % series[bad].tolist()[:5])
    naive = pd.to_datetime(series, format=TIMESTAMP_FORMAT)
    # sanity: month first -> day 13..31 must appear in the second field, never the first
    months = series.str.split("/").str[0].astype(int)
    assert (months <= 12).all()
    return naive


def norm_email(value):
    return value.strip(TRIM).lower()


def norm_phone(value):
    digits = "".join(ch for ch in value if ch in "0123456789").lstrip("0")
    if len(digits) == 12 and digits.startswith("91"):
        digits = digits[2:]
    return digits


def split_apps(cell):
    """Split a Graph5 cell against the option list (longest option first)."""
    options = sorted(LABELS[APPS], key=len, reverse=True)
    ticks, pos = [], 0
    while pos < len(cell):
        for opt in options:
            end = pos + len(opt)
            if cell.startswith(opt, pos) and (end == len(cell) or cell.startswith(APPS_SEPARATOR, end)):
                ticks.append(opt)
                pos = end + (len(APPS_SEPARATOR) if end < len(cell) else 0)
                break
        else:
            raise SystemExit("cannot split apps cell %r at %d" % (cell, pos))
    if len(set(ticks)) != len(ticks):
        raise SystemExit("option ticked twice in %r" % cell)
    return ticks


# --- the four rules ---------------------------------------------------------------------
def apply_rules(df, tz_mode="ist", dedup_first=False, blank_phone_is_key=False,
                email_as_typed=False, phone_as_typed=False):
    """Return (funnel, kept mask).  The keyword options reproduce the README's pitfalls
    (used only by --compare); the defaults are the correct rules."""
    naive = parse_timestamps(df[TS])
    if tz_mode == "ist":
        ts = naive.dt.tz_localize(TZ)
    elif tz_mode == "utc_to_ist":
        ts = naive.dt.tz_localize("UTC").dt.tz_convert(TZ)
    elif tz_mode == "minus_530":
        ts = (naive - pd.Timedelta(hours=5, minutes=30)).dt.tz_localize(TZ)
    else:
        raise ValueError(tz_mode)
    lo, hi = pd.Timestamp(WINDOW_FROM, tz=TZ), pd.Timestamp(WINDOW_TO, tz=TZ)
    in_window = (ts >= lo) & (ts <= hi)

    is_test = (trim(df[NAME]).str.lower().str.startswith("test")
               | trim(df[EMAIL]).str.lower().str.startswith("test"))
    incomplete = pd.concat([trim(df[q]) == "" for q in REQUIRED], axis=1).any(axis=1)

    emails = df[EMAIL] if email_as_typed else df[EMAIL].map(norm_email)
    phones = df[PHONE] if phone_as_typed else df[PHONE].map(norm_phone)

    def dedup(candidates):
        seen_email, seen_phone, dup = set(), set(), pd.Series(False, index=df.index)
        for i in df.index[candidates]:
            e, p = emails[i], phones[i]
            e_hit = e != "" and e in seen_email
            p_hit = (p != "" or blank_phone_is_key) and p in seen_phone
            if e_hit or p_hit:
                dup[i] = True
                continue
            if e != "":
                seen_email.add(e)
            if p != "" or blank_phone_is_key:
                seen_phone.add(p)
        return dup

    steps = [("fieldwork", ~in_window), ("test", is_test), ("required", incomplete)]
    alive = pd.Series(True, index=df.index)
    funnel = [{"rule": "read", "removed": 0, "remaining": int(len(df))}]
    if dedup_first:
        dup = dedup(alive)
        alive &= ~dup
        funnel.append({"rule": "duplicates", "removed": int(dup.sum()), "remaining": int(alive.sum())})
    for rule, drop in steps:
        removed = alive & drop
        alive &= ~drop
        funnel.append({"rule": rule, "removed": int(removed.sum()), "remaining": int(alive.sum())})
    if not dedup_first:
        dup = dedup(alive)
        alive &= ~dup
        funnel.append({"rule": "duplicates", "removed": int(dup.sum()), "remaining": int(alive.sum())})
    matching = {"fieldwork": int((~in_window).sum()), "test": int(is_test.sum()),
                "required": int(incomplete.sum()),
                "duplicates": int(dedup(pd.Series(True, index=df.index)).sum())}
    return funnel, alive, matching


# --- figures ----------------------------------------------------------------------------
def pct(count, base):
    return 100.0 * count / base if base else None


def single_frequency(values, labels):
    answered = values[values != ""]
    unknown = sorted(set(answered) - set(labels))
    if unknown:
        raise SystemExit("unknown answers %r" % unknown)
    base = int(len(answered))
    counts = {lab: int((answered == lab).sum()) for lab in labels}
    return {"type": "single", "base": base, "blank": int(len(values) - base), "counts": counts,
            "percents": {lab: pct(n, base) for lab, n in counts.items()}}


def multi_frequency(values):
    labels = LABELS[APPS]
    answered = values[values != ""]
    ticks = answered.map(split_apps)
    for t in ticks:
        if t != [o for o in labels if o in t]:
            raise SystemExit("options not in form order: %r" % t)
        if "Only WhatsApp" in t and len(t) > 1:
            raise SystemExit("'Only WhatsApp' combined with other options: %r" % t)
    respondents = int(len(answered))
    responses = int(ticks.map(len).sum())
    counts = {lab: int(ticks.map(lambda t, lab=lab: lab in t).sum()) for lab in labels}
    by_n = ticks.map(len).value_counts().sort_index()
    return {"type": "multi", "separator": APPS_SEPARATOR, "respondents": respondents,
            "responses": responses, "blank": int(len(values) - respondents), "counts": counts,
            "percentOfRespondents": {lab: pct(n, respondents) for lab, n in counts.items()},
            "percentOfResponses": {lab: pct(n, responses) for lab, n in counts.items()},
            "respondentsByNumberOfTicks": {str(int(k)): int(v) for k, v in by_n.items()}}


def crosstab_stats(rows, cols, row_labels, col_labels):
    table = pd.crosstab(pd.Categorical(rows, categories=row_labels),
                        pd.Categorical(cols, categories=col_labels), dropna=False)
    obs = table.to_numpy(dtype=np.int64)
    n = int(obs.sum())
    assert n == len(rows)
    r, c = obs.shape
    chi2, p, dof, expected = chi2_contingency(obs, correction=False)
    row_tot, col_tot = obs.sum(axis=1), obs.sum(axis=0)
    exp2 = np.outer(row_tot, col_tot) / n
    chi2_check = float(((obs - exp2) ** 2 / exp2).sum())
    assert math.isclose(chi2_check, float(chi2), rel_tol=1e-12), (chi2_check, chi2)
    assert int(dof) == (r - 1) * (c - 1)
    k = min(r, c) - 1
    low = int((expected < 5).sum())
    return {
        "rowLabels": list(row_labels), "columnLabels": list(col_labels),
        "counts": obs.tolist(),
        "rowTotals": [int(x) for x in row_tot], "columnTotals": [int(x) for x in col_tot], "n": n,
        "columnPercents": [[100.0 * int(obs[i, j]) / int(col_tot[j]) for j in range(c)] for i in range(r)],
        "rowPercents": [[100.0 * int(obs[i, j]) / int(row_tot[i]) for j in range(c)] for i in range(r)],
        "expected": expected.tolist(),
        "chi2": float(chi2), "df": int(dof), "p": float(p),
        "cramersV": math.sqrt(float(chi2) / (n * k)) if k > 0 else None,
        "lowExpectedCells": low, "lowExpectedShare": low / (r * c),
    }


def build(df):
    funnel, kept, matching = apply_rules(df)
    k = df[kept]
    ans = {col: trim(k[col]) for col in COLUMNS[4:]}
    base = int(kept.sum())

    frequencies = {}
    for col, graph in PUBLISHED:
        f = multi_frequency(ans[col]) if col == APPS else single_frequency(ans[col], LABELS[col])
        frequencies[col] = dict({"graph": graph}, **f)

    profile = {col: single_frequency(ans[col], LABELS[col]) for col in PROFILE}
    profile[CITY] = {"type": "text", "nonBlank": int((ans[CITY] != "").sum()),
                     "blank": int((ans[CITY] == "").sum())}

    nets = {}
    for name, col, answers in NETS:
        answered = ans[col][ans[col] != ""]
        count = int(answered.isin(answers).sum())
        nets[name] = {"question": col, "answers": answers, "count": count, "base": int(len(answered)),
                      "percent": pct(count, int(len(answered)))}

    both = (ans[UNDERSTAND] != "") & (ans[GOV] != "")
    rows, cols = ans[UNDERSTAND][both].tolist(), ans[GOV][both].tolist()
    crosstab = dict({"row": UNDERSTAND, "column": GOV},
                    **crosstab_stats(rows, cols, LABELS[UNDERSTAND], LABELS[GOV]))
    collapsed_labels = ["Fully well", "Reasonably well", "Not well enough or not at all"]
    crosstab["collapsed"] = crosstab_stats([COLLAPSE.get(x, x) for x in rows], cols,
                                           collapsed_labels, LABELS[GOV])

    sub = ans[GOV] == FILTERED_BASE_GOV
    filtered = single_frequency(ans[UNDERSTAND][sub], LABELS[UNDERSTAND])
    nwe = filtered["counts"]["Not well enough"] + filtered["counts"]["Not at all"]
    filtered_base = dict({"question": UNDERSTAND, "filter": {"column": GOV, "equals": FILTERED_BASE_GOV}},
                         **filtered)
    filtered_base["nets"] = {"Not well enough or not at all": {
        "count": nwe, "percent": pct(nwe, filtered["base"])}}

    return {
        "file": "fixtures/whatsapp-privacy-2021/responses.csv",
        "rules": {
            "fieldwork": "%s <= Timestamp <= %s, %s wall clock, inclusive" % (WINDOW_FROM, WINDOW_TO, TZ),
            "test": "lower(trim(name)) or lower(trim(email)) starts with 'test'",
            "required": REQUIRED,
            "duplicates": "normalised e-mail or phone equals that of an earlier kept row (first kept)",
        },
        "funnel": funnel,
        "rowsMatchingEachRule": matching,
        "base": base,
        "frequencies": frequencies,
        "profile": profile,
        "nets": nets,
        "crosstab": crosstab,
        "filteredBase": filtered_base,
    }


# --- comparison with the generator's expected.json (--compare only) ---------------------
def half_up(value, ndigits):
    q = Fraction(10) ** ndigits
    return float(math.floor(Fraction(value) * q + Fraction(1, 2)) / q)


def compare(report, df):
    with open(EXPECTED_PATH, encoding="utf-8") as fh:
        exp = json.load(fh)
    diffs = []

    def check(what, got, want):
        if got != want:
            diffs.append("%s: oracle %r, expected.json %r" % (what, got, want))

    check("columns", COLUMNS, exp["columns"])
    check("required_questions", REQUIRED, exp["required_questions"])
    check("funnel", report["funnel"], exp["funnel"])
    check("base", report["base"], exp["base"])
    m, em = report["rowsMatchingEachRule"], exp["rows_matching_each_rule"]
    check("rows matching: fieldwork", m["fieldwork"], em["outside_fieldwork"])
    check("rows matching: test", m["test"], em["test"])
    check("rows matching: required", m["required"], em["required_blank"])
    check("rows matching: duplicates (raw file)", m["duplicates"],
          em["later_submission_of_same_person_in_raw_file"])

    for key, q in exp["questions"].items():
        f = report["frequencies"][q["column"]]
        check(key + " labels", list(f["counts"]), q["labels"])
        check(key + " counts", f["counts"], q["counts"])
        if q["type"] == "single":
            check(key + " base", f["base"], q["base"])
            pairs = [("percent", "percents", 0), ("percent_1dp", "percents", 1),
                     ("published_percent", "percents", 0)]
        else:
            check(key + " respondents", f["respondents"], q["respondents"])
            check(key + " responses", f["responses"], q["responses_total"])
            check(key + " by ticks", f["respondentsByNumberOfTicks"], q["respondents_by_number_of_ticks"])
            pairs = [("percent_of_responses", "percentOfResponses", 0),
                     ("percent_of_responses_1dp", "percentOfResponses", 1),
                     ("percent_of_respondents", "percentOfRespondents", 0),
                     ("percent_of_respondents_1dp", "percentOfRespondents", 1),
                     ("published_percent_of_responses", "percentOfResponses", 0)]
        for ekey, okey, nd in pairs:
            check("%s %s" % (key, ekey), {lab: half_up(f[okey][lab], nd) for lab in q[ekey]},
                  {lab: float(v) for lab, v in q[ekey].items()})

    for ekey, name in [("open_to_switching", "Open to switching"),
                       ("government_step_in", "Government should step in")]:
        e, o = exp["nets"][ekey], report["nets"][name]
        check(ekey + " column", o["question"], e["column"])
        check(ekey + " answers", o["answers"], e["answers"])
        check(ekey + " count", o["count"], e["count"])
        check(ekey + " base", o["base"], e["base"])
        for ek, nd in [("percent", 0), ("percent_1dp", 1), ("published_percent", 0)]:
            check("%s %s" % (ekey, ek), half_up(o["percent"], nd), float(e[ek]))

    ec, oc = exp["crosstab"], report["crosstab"]
    check("crosstab row question", oc["row"], ec["rows"]["column"])
    check("crosstab column question", oc["column"], ec["columns"]["column"])
    check("crosstab row labels", oc["rowLabels"], ec["rows"]["labels"])
    check("crosstab column labels", oc["columnLabels"], ec["columns"]["labels"])
    check("crosstab base", oc["n"], ec["base"])

    def by_col(x, table, key):
        return {cl: {rl: (half_up(x[key][i][j], 1) if key.endswith("Percents") else x[key][i][j])
                     for i, rl in enumerate(x["rowLabels"])} for j, cl in enumerate(x["columnLabels"])}

    def as_float(d):
        return {a: {b: float(v) for b, v in inner.items()} for a, inner in d.items()}

    check("crosstab counts", by_col(oc, None, "counts"), ec["counts"])
    check("crosstab column totals", dict(zip(oc["columnLabels"], oc["columnTotals"])), ec["column_totals"])
    check("crosstab row totals", dict(zip(oc["rowLabels"], oc["rowTotals"])), ec["row_totals"])
    check("crosstab column % (1dp)", by_col(oc, None, "columnPercents"), as_float(ec["column_percent_1dp"]))
    col = oc["collapsed"]
    check("collapsed row labels", col["rowLabels"], ec["collapsed"]["row_labels"])
    check("collapsed counts", by_col(col, None, "counts"), ec["collapsed"]["counts"])
    check("collapsed column % (1dp)", by_col(col, None, "columnPercents"),
          as_float(ec["collapsed"]["column_percent_1dp"]))
    lu = report["filteredBase"]
    pub = ec["published_let_users_judge_column_percent"]
    got = {"Fully well": half_up(lu["percents"]["Fully well"], 1),
           "Reasonably well": half_up(lu["percents"]["Reasonably well"], 1),
           "Not well enough or not at all":
               half_up(lu["nets"]["Not well enough or not at all"]["percent"], 1)}
    check("filteredBase (1dp)", got, {k2: float(v) for k2, v in pub.items() if k2 != "note"})
    check("filteredBase counts", lu["counts"], ec["counts"][FILTERED_BASE_GOV])

    for ekey, x in [("chi_square_4x3", oc), ("chi_square_collapsed_3x3", col)]:
        e = ec[ekey]
        check(ekey + " df", x["df"], e["df"])
        # expected.json stores the statistic to 6 decimals and p to 6 significant digits
        if abs(x["chi2"] - e["statistic"]) > 5e-7:
            diffs.append("%s statistic: oracle %r, expected.json %r" % (ekey, x["chi2"], e["statistic"]))
        if float("%.6g" % x["p"]) != e["p"]:
            diffs.append("%s p: oracle %r, expected.json %r" % (ekey, x["p"], e["p"]))

    prof = exp["profile"]
    for ekey, colname in [("userType", USE), ("age", AGE), ("gender", GENDER), ("occupation", OCCUPATION)]:
        check("profile " + ekey + " column", prof[ekey]["column"], colname)
        check("profile " + ekey, report["profile"][colname]["counts"], prof[ekey]["counts"])
    city = prof["city_canonical"]["counts"]
    check("profile city column", prof["city_canonical"]["column"], CITY)
    check("profile city blank", report["profile"][CITY]["blank"], city.get("(blank)", 0))
    check("profile city non-blank", report["profile"][CITY]["nonBlank"],
          sum(v for c, v in city.items() if c != "(blank)"))

    pit = exp["pitfalls"]
    variants = [("timestamps_taken_as_utc_and_converted_to_ist", {"tz_mode": "utc_to_ist"}),
                ("five_hours_thirty_subtracted_from_timestamps", {"tz_mode": "minus_530"}),
                ("duplicates_removed_before_the_other_filters", {"dedup_first": True}),
                ("blank_or_non_numeric_phones_treated_as_equal", {"blank_phone_is_key": True}),
                ("emails_compared_without_trim_and_lowercase", {"email_as_typed": True}),
                ("phones_compared_as_typed", {"phone_as_typed": True})]
    check("pitfall no_filters", len(df), pit["no_filters"])
    for ekey, kw in variants:
        check("pitfall " + ekey, int(apply_rules(df, **kw)[1].sum()), pit[ekey])
    return diffs


def main(argv):
    if argv not in ([], ["--compare"]):
        raise SystemExit("usage: whatsapp_report.py [--compare]")
    df = load()
    report = build(df)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps(report, indent=1, ensure_ascii=False))
        fh.write("\n")
    for step in report["funnel"]:
        print("%-10s removed %4d remaining %4d" % (step["rule"], step["removed"], step["remaining"]))
    ct = report["crosstab"]
    print("crosstab n=%d chi2=%r df=%d p=%r V=%r lowExpectedShare=%r"
          % (ct["n"], ct["chi2"], ct["df"], ct["p"], ct["cramersV"], ct["lowExpectedShare"]))
    print("wrote %s" % os.path.relpath(OUT, REPO))
    if argv == ["--compare"]:
        diffs = compare(report, df)
        for d in diffs:
            print("DIFF " + d)
        print("compare with %s: %s" % (os.path.relpath(EXPECTED_PATH, REPO),
                                       "%d difference(s)" % len(diffs) if diffs else "no differences"))
        if diffs:
            sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
