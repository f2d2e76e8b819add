import assert from 'node:assert/strict';
import { frequencyChart } from '../../src/render/chart/spec.js';
import { chart } from './chart.js';
import { frequency } from './data.js';

const markup = frequency('Q9', 'Q9 <script>alert("x")</script> & friends', [
  ['Tom & Jerry', 200],
  ['<b>bold</b> answer', 150],
  ['"Quoted" and \'single\'', 115],
  ['</text><script>alert(1)</script>', 100],
]);

chart(function markupLabels() {
  return frequencyChart(markup);
}, (svg) => {
  assert.ok(!svg.includes('<script'), '<script> never appears raw');
  assert.ok(!svg.includes('<b>'), 'markup in labels is not markup in the SVG');
  assert.ok(svg.includes('Tom &amp; Jerry'), '& is escaped');
  assert.ok(svg.includes('&lt;script&gt;'), '< and > are escaped');
  assert.match(svg, /<title>Q9 &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; friends<\/title>/);
});
