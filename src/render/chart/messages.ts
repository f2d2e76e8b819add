/**
 * Warnings raised while building chart specs, as functions so that tests compare against the
 * same text. (Candidates to move into `errors/messages.ts` once the catalogue takes chart codes.)
 */
export const chartMessages = {
  donutTooManyAnswers: (question: string, answers: number, max: number) =>
    `chart of '${question}': a donut needs ${max} answers or fewer, this question has ${answers}; drawn as bars`,
  donutMultiSelect: (question: string) =>
    `chart of '${question}': a multi-select question cannot be a donut (its percentages add up to more than 100%); drawn as bars`,
  noPercentOfResponses: (question: string) =>
    `chart of '${question}': no % of responses in the table; charted as % of respondents`,
  netsWithoutResponses: (question: string, nets: number) =>
    `chart of '${question}': ${nets} net${nets === 1 ? '' : 's'} without a % of responses left out`,
  stackedMulti: (label: string, oneCheckbox = false) =>
    `chart of '${label}': ${oneCheckbox ? "one checkbox's ticks are no whole (its blanks are no row)" : 'multi-select rows overlap'}, so they cannot stack to 100%; drawn as grouped bars`,
  tooManyColors: (label: string, categories: number, colors: number) =>
    `chart of '${label}': ${categories} categories but only ${colors} distinct colours; colours repeat`,
  profileNets: (question: string, nets: number) =>
    `profile chart: ${nets} net${nets === 1 ? '' : 's'} of '${question}' left out (a net overlaps the answers it combines)`,
  likertEmpty: () => 'Likert chart: no items to chart',
  likertOptionsDiffer: (item: string) =>
    `Likert chart: item '${item}' has different answer options from the first item; its bar follows the first item's scale`,
  noBins: (question: string) => `histogram of '${question}': the table has no bins; nothing to draw`,
  noAnswers: (question: string) => `chart of '${question}': no answers to chart`,
  likertNoSides: (label: string) => `chart of '${label}': its answers are no scale with two sides to diverge from; each item is drawn as bars`,
  typeUnfit: (label: string, asked: string, kind: string, fits: readonly string[], drawn: string) =>
    `chart of '${label}': a ${kind} is not drawn as '${asked}' (type: ${fits.join(' or ')}); drawn as ${drawn}`,
};
