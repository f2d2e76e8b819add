import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test('the package exports its API by name: analyze an export, run a spec, render the result', async () => {
  // The package's own name resolves through its exports map, as it does for a program that installs it.
  const survey = await import('survey');
  const { result } = await survey.analyzeFile(`${root}fixtures/whatsapp-privacy-2021/responses.csv`);
  assert.ok(result.input.rows > 1000);
  assert.match(survey.renderText(result, { styler: survey.plain, width: 100 }), /respondents/);
  const spec = await survey.loadSpec(`${root}fixtures/whatsapp-privacy-2021/survey.yaml`);
  const report = await survey.runReport(spec, `${root}fixtures/whatsapp-privacy-2021/survey.yaml`);
  assert.equal(report.result.funnel.at(-1)!.remaining, 565);
  assert.match(survey.renderMarkdown(report.result), /565/);
  // Contact details typed into answers are masked, as on the command line.
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/survey-api-`);
  try {
    writeFileSync(`${dir}/typed.csv`, 'id,contact\n1,email me at jo@example.com\n2,email me at jo@example.com\n3,No\n4,No\n5,Yes\n');
    const typed = JSON.stringify((await survey.analyzeFile(`${dir}/typed.csv`)).result);
    assert.ok(!typed.includes('jo@example.com'));
    assert.match(typed, /email me at \[e-mail\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await assert.rejects(survey.analyzeFile(`${root}fixtures/no-such-file.csv`), (e: unknown) => survey.isSurveyError(e) && e.code === 'SURVEY_IO_READ' && e.exitCode === survey.EXIT.io);
});
