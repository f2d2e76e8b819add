/** The stylesheet inlined in report.html: screen and A4 print. */
export const CSS = `:root { color-scheme: light; --ink: #1b1b1b; --muted: #595959; --rule: #c9ced6; --soft: #f2f4f7; --net: #eef3f9; --accent: #0b5394; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 32px 28px 64px; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .4rem; }
h2 { font-size: 1.25rem; line-height: 1.3; margin: 0 0 .8rem; }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
.lede { color: var(--muted); margin: 0; }
header { border-bottom: 2px solid var(--ink); padding-bottom: 1rem; margin-bottom: 1.5rem; }
section { margin: 0 0 2.25rem; padding-top: 1.25rem; border-top: 1px solid var(--rule); }
section.funnel { border-top: none; padding-top: 0; }
.tag { display: inline-block; font: 600 .72rem/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; color: var(--muted); background: var(--soft); border: 1px solid var(--rule); border-radius: 3px; padding: 0 .35em; vertical-align: .15em; overflow-wrap: anywhere; }
code, .hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em; overflow-wrap: anywhere; }
.file { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .92em; overflow-wrap: anywhere; }
nav.contents { margin: 0 0 2rem; }
nav.contents h2 { font-size: 1rem; }
nav.contents ol { columns: 2 22rem; column-gap: 3rem; margin: 0; padding-left: 1.4rem; }
nav.contents li { break-inside: avoid; overflow-wrap: anywhere; }
nav.contents a { color: var(--accent); text-decoration: none; }
nav.contents a:hover { text-decoration: underline; }
.pair { display: flex; flex-wrap: wrap; gap: 20px 36px; align-items: flex-start; }
.pair .charts { flex: 0 1 auto; max-width: 100%; display: flex; flex-direction: column; gap: 16px; }
.pair .tables { flex: 1 1 340px; min-width: 0; display: flex; flex-direction: column; gap: 18px; }
.pair.wide .tables { flex-basis: 100%; }
.scroll { overflow-x: auto; max-width: 100%; }
.pair.many .tables { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 18px 24px; align-items: start; }
figure.chart { margin: 0; max-width: 100%; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart figcaption { font-size: .75rem; color: var(--muted); margin-top: .2rem; }
table.data { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .9rem; }
table.data caption { caption-side: top; text-align: left; font-size: .8rem; color: var(--muted); padding-bottom: .2rem; }
table.data th, table.data td { padding: .28rem .5rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
table.data thead th { border-bottom: 2px solid var(--ink); font-weight: 600; font-size: .82rem; vertical-align: bottom; }
table.data thead th.num { white-space: normal; min-width: 4.5rem; }
table.data tbody th { font-weight: 400; }
table.crosstab tbody th, table.crosstab tfoot th { min-width: 8.5rem; }
table.data .num { text-align: right; white-space: nowrap; }
table.data tr.net th, table.data tr.net td { background: var(--net); font-weight: 600; font-style: italic; }
table.data tr.first-net th, table.data tr.first-net td { border-top: 2px solid var(--ink); }
table.data tr.missing th, table.data tr.missing td { color: var(--muted); font-style: italic; }
table.data tfoot th, table.data tfoot td { border-top: 2px solid var(--ink); border-bottom: none; font-weight: 600; }
table.data tr.bases th, table.data tr.bases td { font-weight: 400; color: var(--muted); }
table.withheld { margin: .5rem 0 1rem; }
.base { margin: .35rem 0 0; font-size: .85rem; font-weight: 600; }
.note, .filter { margin: .25rem 0 0; font-size: .8rem; color: var(--muted); }
.methods p, .methods li { max-width: 52rem; }
.methods ol, .methods ul { padding-left: 1.4rem; }
@page { size: A4; margin: 14mm 14mm 14mm; }
@media print {
  body { font-size: 9pt; line-height: 1.35; }
  main { max-width: none; padding: 0; }
  nav.contents, figure.chart figcaption { display: none; }
  header { margin-bottom: 6mm; }
  section { border-top: none; margin-bottom: 6mm; padding-top: 0; }
  h2 { margin-bottom: 2mm; }
  table.data { font-size: 8.5pt; }
  table.data th, table.data td { padding: .12rem .4rem; }
  section.figure { break-inside: avoid; page-break-inside: avoid; }
  .pair.many { break-inside: auto; page-break-inside: auto; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure.chart, table.data, .table-block, tr { break-inside: avoid; page-break-inside: avoid; }
  .pair { gap: 4mm 8mm; }
  .pair .tables { flex-basis: 100%; }
  .scroll { overflow: visible; }
  .pair.wide .tables { flex-basis: 100%; }
.scroll { overflow-x: auto; max-width: 100%; }
.pair.many .tables { grid-template-columns: 1fr 1fr; }
  figure.chart svg { max-height: 240mm; width: auto; }
  table.data tr.net th, table.data tr.net td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}`;
