// A worker thread of `isimport validate --jobs N` (validate-pool.js): its own core instance,
// validating the inputs the command hands it, a batch per message. Results cross the thread as
// plain data, without the decoded object (the reports never show it; reading it would decode the
// document a second time).

import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

import { load } from '../lib/isimport.js';

const isi = await load();

// A batch of inputs [{id, bytes}] in, their answers [{id, results, seconds}] out.
parentPort.on('message', (batch) => {
  parentPort.postMessage(batch.map(({ id, bytes }) => {
    const started = performance.now();
    const results = isi.validateAll(bytes, workerData.validateOptions).map(withoutObject);
    return { id, results, seconds: (performance.now() - started) / 1000 };
  }));
});
parentPort.postMessage({ ready: true });

// A copy of a result without its lazy `object` (copying it with a spread would read it).
function withoutObject(result) {
  const copy = {};
  for (const key of Object.keys(result)) if (key !== 'object') copy[key] = result[key];
  return copy;
}
