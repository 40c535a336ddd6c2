// A worker thread of `isimport validate --jobs N` (validate-pool.js): its own core instance,
// validating the inputs the command hands it, a batch per message. Results cross the thread as
// plain data, without the decoded object (the reports never show it; reading it would decode the
// document a second time).

import { parentPort, workerData } from 'node:worker_threads';

import { load } from '../lib/isimport.js';

// Started by validate-pool.js, with the options in workerData.
if (parentPort === null) throw new Error('isimport: validate-worker.js runs in a worker thread of isimport validate');
const port = parentPort;
const { validateOptions } = /** @type {{validateOptions: import('../lib/api.js').ValidateOptions}} */ (workerData);

const isi = await load();

// A batch of inputs [{id, bytes}] in, their answers [{id, results, seconds}] out.
port.on('message', (/** @type {Array<{id: number, bytes: Uint8Array}>} */ batch) => {
  port.postMessage(batch.map(({ id, bytes }) => {
    const started = process.hrtime.bigint();
    const results = isi.validateAll(bytes, validateOptions).map(withoutObject);
    return { id, results, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  }));
});
port.postMessage({ ready: true });

// A copy of a result without its lazy `object` (copying it with a spread would read it).
/**
 * @param {import('../lib/api.js').ValidateAllResult} result
 * @returns {Omit<import('../lib/api.js').ValidateAllResult, 'object'>}
 */
function withoutObject(result) {
  // The result's own fields, read one by one by name.
  const fields = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (result));
  /** @type {Record<string, unknown>} */
  const copy = {};
  for (const key of Object.keys(result)) if (key !== 'object') copy[key] = fields[key];
  return /** @type {Omit<import('../lib/api.js').ValidateAllResult, 'object'>} */ (copy);
}

