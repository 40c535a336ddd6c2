// One authenticated import, then a heap snapshot of this process once the import has ended and
// its caller has let go of the credentials: reads {spec, options, snapshot} as JSON on standard
// input, prints {outcome, snapshot} (the snapshot's path). Run with --expose-gc. Whatever string
// the snapshot still holds, something in isimport (or the caller here) still references.
import { writeHeapSnapshot } from 'node:v8';

import { load } from '../../../web/lib/isimport.js';

const isi = await load({ schemas: false });

async function importOnce() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const job = JSON.parse(Buffer.concat(chunks).toString());
  const answer = await isi.importPreview(job.spec, job.options);
  return { outcome: answer.status.images.map((i) => i.status.status), snapshot: job.snapshot };
}

const { outcome, snapshot } = await importOnce();
// The job, and with it the credentials, is out of reach now; let the collector see that.
for (let i = 0; i < 4; i++) {
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
}
writeHeapSnapshot(snapshot);
process.stdout.write(JSON.stringify({ outcome, snapshot }));
