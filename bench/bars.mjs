// A bench's figure beside the bar it is held to, printed as `0.84× (bar ≥ 1.5×: not met)`, and
// noted for `npm run bench`, which prints every bar of the run together at its end (bench/run.mjs
// names a file in ISIMPORT_BENCH_BARS; each bench, a process of its own, appends its rows to it).
import { appendFileSync } from 'node:fs';

/**
 * @param {string} measure what was measured, as the summary names it
 * @param {string} figure the figure as printed (`0.84×`, `231 ms`)
 * @param {string} bar the bar (`≥ 1.5×`, `≤ 250 ms`)
 * @param {boolean} met
 * @returns {string} `figure (bar …: met)`
 */
export function beside(measure, figure, bar, met) {
  const file = process.env.ISIMPORT_BENCH_BARS;
  if (file) appendFileSync(file, `${JSON.stringify({ measure, figure, bar, met })}\n`);
  return `${figure} (bar ${bar}: ${met ? 'met' : 'not met'})`;
}
