// One importPreview() in a process of its own, so that its peak memory can be measured: reads a
// job {warmup, spec, options} as JSON on standard input, imports `warmup` first (the import engine
// loaded and warm: that peak is the baseline), then `spec`, and prints {answer, ms, baselineMb,
// peakMb, events} on standard output (events: every onProgress, onRequestFailure and onNotice).
import { load } from '../../../web/lib/isimport.js';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { warmup, spec, options = {} } = JSON.parse(Buffer.concat(chunks).toString());

const maxRssMb = () => process.resourceUsage().maxRSS / 1024;
const isi = await load({ schemas: false });
if (warmup) await isi.importPreview(warmup, { now: options.now });
const baselineMb = maxRssMb();

const events = [];
const started = performance.now();
const answer = await isi.importPreview(spec, {
  ...options,
  onProgress: (p) => events.push({ progress: p }),
  onRequestFailure: (f) => events.push({ requestFailure: f }),
  onNotice: (n) => events.push({ notice: n }),
});
const ms = Math.round(performance.now() - started);
process.stdout.write(JSON.stringify({ answer, ms, baselineMb: Math.round(baselineMb), peakMb: Math.round(maxRssMb()), events }));
