/**
 * Hand-written tables for the chart tests, with the published figures of the reference study
 * (WhatsApp privacy survey 2021, 565 valid respondents; /work/shared/reference). Counts are
 * chosen so that count / 565 rounds to each published percentage; the crosstab uses the
 * consistent reconstruction 21.5 / 52.2 / 26.3 for "let users be the best judge".
 */
import type { CrosstabTable, FrequencyRow, FrequencyTable, NumericTable } from '../../src/spec/result.js';

export const BASE = 565;

type RowSpec = [label: string, count: number] | [label: string, count: number, 'net'];

/** A single-choice (or multi-select) frequency table from labels and counts. */
export function frequency(question: string, label: string, rows: RowSpec[], extra: Partial<FrequencyTable> = {}): FrequencyTable {
  const base = extra.base ?? BASE;
  const multi = extra.type === 'multi';
  const responses = rows.filter((r) => r[2] !== 'net').reduce((s, r) => s + r[1], 0);
  return {
    kind: 'frequency',
    question,
    label,
    type: 'single',
    base,
    missing: 0,
    ...extra,
    ...(multi ? { responses } : {}),
    rows: rows.map(([l, count, net]): FrequencyRow => ({
      label: l,
      count,
      percent: (100 * count) / base,
      ...(multi ? { percentOfResponses: (100 * count) / responses } : {}),
      ...(net === 'net' ? { net: true } : {}),
    })),
  };
}

export const graph1 = frequency('Q1', 'How do you see the change in WhatsApp’s privacy policy?', [
  ['A serious breach of my privacy', 209],
  ['Not good, but I can live with it', 254],
  ['Does not bother me at all', 102],
]);

export const graph2 = frequency('Q2', 'What was your first reaction to the new policy?', [
  ['Quitting / have quit WhatsApp for good', 96],
  ['Will accept, but start exploring other or additional apps', 254],
  ['Already using another messaging app', 68],
  ['Will accept and keep using WhatsApp as before', 147],
]);

export const graph3a = frequency('Q3a', 'Were you aware that WhatsApp is changing its policy and will share data with Facebook and Instagram?', [
  ['Yes', 452],
  ['No', 113],
]);

export const graph3b = frequency('Q3b', 'How well do you understand the implications of the new policy for users?', [
  ['Fully well', 102],
  ['Reasonably well', 265],
  ['Not well enough', 164],
  ['Not at all', 34],
]);

export const graph4 = frequency('Q4', 'What should the government do?', [
  ['Ask WhatsApp to roll back the change', 136],
  ['Bring in more holistic regulation', 243],
  ['Let users be the best judge', 186],
]);

export const graph4Nets = frequency('Q4', 'What should the government do?', [
  ['Ask WhatsApp to roll back the change', 136],
  ['Bring in more holistic regulation', 243],
  ['Let users be the best judge', 186],
  ['Government should step in (roll back or regulate)', 379, 'net'],
]);

export const graph5 = frequency(
  'Q5',
  'Which apps will you use or consider using? (select all that apply)',
  [
    ['Telegram', 192],
    ['Signal', 136],
    ['Staying on WhatsApp while also using or considering others', 85],
    ['Sticking with WhatsApp only', 147],
    ['Other (Viber, iMessage, Skype and others)', 51],
  ],
  { type: 'multi' },
);

export const graph6Nets = frequency('Q6', 'When do you plan to quit WhatsApp?', [
  ['Already quit', 102],
  ['Within a week', 141],
  ['Within a month', 164],
  ['No plans to quit', 158],
  ['Open to switching (quit or quitting within a month)', 407, 'net'],
]);

/** Understanding (rows) by what the government should do (columns). */
const understandingCounts = [
  [30, 32, 40],
  [58, 110, 97],
  [38, 87, 39],
  [10, 14, 10],
];

export function crosstab(counts: number[][], rowLabels: string[], columnLabels: string[], extra: Partial<CrosstabTable> = {}): CrosstabTable {
  const columnBases = columnLabels.map((_, c) => counts.reduce((s, row, r) => s + (extra.netRows?.includes(r) ? 0 : (row[c] ?? 0)), 0));
  const rowBases = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const base = columnBases.reduce((s, v) => s + v, 0);
  return {
    kind: 'crosstab',
    row: 'Q3b',
    column: 'Q4',
    label: 'How well respondents understand the policy, by what they want the government to do',
    rowLabels,
    columnLabels,
    counts,
    columnPercents: counts.map((row) => row.map((v, c) => (100 * v) / (columnBases[c] ?? 1))),
    rowPercents: counts.map((row, r) => row.map((v) => (100 * v) / (rowBases[r] ?? 1))),
    totalPercents: counts.map((row) => row.map((v) => (100 * v) / base)),
    columnBases,
    rowBases,
    base,
    stats: null,
    ...extra,
  };
}

export const understandingByGovernment = crosstab(
  understandingCounts,
  ['Fully well', 'Reasonably well', 'Not well enough', 'Not at all'],
  ['Ask WhatsApp to roll back the change', 'Bring in more holistic regulation', 'Let users be the best judge'],
);

export const understandingByGovernmentNets = crosstab(
  [...understandingCounts, [88, 142, 137]],
  ['Fully well', 'Reasonably well', 'Not well enough', 'Not at all', 'Understand at least reasonably well'],
  ['Ask WhatsApp to roll back the change', 'Bring in more holistic regulation', 'Let users be the best judge'],
  { netRows: [4] },
);

const AGREE = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

function gridItem(item: string, counts: number[], base = BASE): FrequencyTable {
  const question = 'How much do you agree with each statement?';
  return frequency('Q8', `${question} | ${item}`, AGREE.map((l, i): RowSpec => [l, counts[i] ?? 0]), { item, base });
}

export const agreementGrid = [
  gridItem('I trust WhatsApp with my personal data', [161, 178, 113, 85, 28]),
  gridItem('Facebook should never see who I message or when', [17, 40, 85, 175, 248]),
  gridItem('I would pay for a messaging app that keeps my data private', [90, 124, 153, 130, 68]),
  gridItem('WhatsApp explained the new policy clearly', [203, 181, 102, 57, 22]),
];

export const understandingAsScale = [
  { ...graph3b, item: 'Implications of the new policy' },
  frequency('Q3c', 'How well do you understand how end-to-end encryption works?', [
    ['Fully well', 88],
    ['Reasonably well', 214],
    ['Not well enough', 190],
    ['Not at all', 60],
  ], { item: 'How end-to-end encryption works', base: 552 }),
];

export const age: NumericTable = {
  kind: 'numeric',
  question: 'Q10',
  label: 'How old are you?',
  n: 552,
  missing: 13,
  mean: 33.84,
  sd: 10.27,
  median: 31,
  min: 18,
  max: 74,
  invalid: 0,
  bins: [
    { x0: 15, x1: 20, count: 21 },
    { x0: 20, x1: 25, count: 88 },
    { x0: 25, x1: 30, count: 131 },
    { x0: 30, x1: 35, count: 104 },
    { x0: 35, x1: 40, count: 71 },
    { x0: 40, x1: 45, count: 50 },
    { x0: 45, x1: 50, count: 34 },
    { x0: 50, x1: 55, count: 22 },
    { x0: 55, x1: 60, count: 15 },
    { x0: 60, x1: 65, count: 9 },
    { x0: 65, x1: 70, count: 5 },
    { x0: 70, x1: 75, count: 2 },
  ],
};

/** Graph 7, the respondent profile: its values were not published, so these are made up. */
export const profile = [
  frequency('Q11', 'How do you use WhatsApp?', [
    ['Personal use only', 401],
    ['Personal and WhatsApp Business', 130],
    ['WhatsApp Business only', 34],
  ]),
  frequency('Q12', 'Age group', [
    ['18–24', 109],
    ['25–34', 235],
    ['35–44', 121],
    ['45–54', 56],
    ['55 or older', 31],
  ], { base: 552 }),
  frequency('Q13', 'Gender', [
    ['Man', 318],
    ['Woman', 229],
    ['Another gender, or prefer not to say', 18],
  ]),
];
