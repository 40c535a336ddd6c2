// Where `isimport validate` validates its inputs: in this thread for the first few (one file
// should not wait for threads to start), then, with --jobs above 1, in that many worker threads
// (validate-worker.js), each with its own core. Answers come back as promises; the command reports
// them in input order.

// The threads' module is imported only when threads are asked for: --jobs 1 pays nothing for them.
/** @typedef {import('node:worker_threads').Worker} Worker */

// Inputs validated here before any thread starts: a thread costs about as much as validating
// this many small files.
const IN_THREAD_FIRST = 32;
// Inputs per message to a worker, at most.
const BATCH = 16;

/**
 * One input's answer: its results, and the seconds they took.
 * @typedef {{results: import('./validate-reports.js').ReportedResult[], seconds: number}} Validated
 */

/**
 * A batch's answers as a worker posts them (validate-worker.js), or its first message.
 * @typedef {Array<{id: number} & Validated> | {ready: true}} WorkerMessage
 */

/**
 * An input waiting for an idle worker, with its promise's ends.
 * @typedef {{bytes: Uint8Array, resolve: (answer: Validated) => void, reject: (error: unknown) => void}} Queued
 */

/**
 * validators(isi, validateOptions, jobs, timed) → {validate(bytes): Promise<{results, seconds}>, close()}
 * (once the threads' module is loaded, when jobs > 1).
 * `isi` is this thread's instance (for the first inputs); close() ends the threads. `timed`: the
 * seconds are measured in this thread too (otherwise 0: two clock reads cost about a tenth of
 * validating a small file, for a figure only some reports show).
 * @param {import('../lib/api.js').Isimport} isi
 * @param {import('../lib/api.js').ValidateOptions} validateOptions
 * @param {number} jobs
 * @param {boolean} [timed]
 * @returns {Promise<{validate(bytes: Uint8Array): Promise<Validated>, close(): void}>}
 */
export async function validators(isi, validateOptions, jobs, timed = true) {
  const { Worker } = jobs > 1 ? await import('node:worker_threads') : { Worker: null };
  /** @type {WorkerPool | null} */
  let pool = null;
  let count = 0;
  return {
    validate(bytes) {
      if (Worker === null || ++count <= IN_THREAD_FIRST) {
        if (!timed) return Promise.resolve({ results: isi.validateAll(bytes, validateOptions), seconds: 0 });
        const started = process.hrtime.bigint();
        const results = isi.validateAll(bytes, validateOptions);
        return Promise.resolve({ results, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
      }
      pool ??= new WorkerPool(Worker, jobs, validateOptions);
      return pool.validate(bytes);
    },
    close: () => pool?.close(),
  };
}

class WorkerPool {
  /** @type {Worker[]} */
  #idle = [];
  /** @type {Queued[]} */
  #queue = []; // inputs waiting for an idle worker: {bytes, resolve, reject}
  /** @type {Worker[]} */
  #workers = [];
  /** @type {Map<number, Omit<Queued, 'bytes'>>} */
  #tasks = new Map(); // id → {resolve, reject}
  #nextId = 0;

  /**
   * @param {typeof import('node:worker_threads').Worker} Worker
   * @param {number} size
   * @param {import('../lib/api.js').ValidateOptions} validateOptions
   */
  constructor(Worker, size, validateOptions) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./validate-worker.js', import.meta.url), { workerData: { validateOptions } });
      worker.on('message', (message) => this.#answer(worker, message));
      worker.on('error', (error) => this.#failAll(error));
      this.#workers.push(worker);
    }
  }

  /**
   * @param {Uint8Array} bytes
   * @returns {Promise<Validated>}
   */
  validate(bytes) {
    return new Promise((resolve, reject) => {
      this.#queue.push({ bytes, resolve, reject });
      this.#dispatch();
    });
  }

  close() {
    for (const worker of this.#workers) worker.terminate();
  }

  // Inputs go out in batches (a message per input would cost more than most inputs take), a
  // share of the queue each, so that every idle worker gets some.
  #dispatch() {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop();
      if (worker === undefined) break;
      const share = Math.ceil(this.#queue.length / (this.#idle.length + 1));
      const batch = this.#queue.splice(0, Math.min(BATCH, share)).map(({ bytes, resolve, reject }) => {
        const id = this.#nextId++;
        this.#tasks.set(id, { resolve, reject });
        return { id, bytes };
      });
      worker.postMessage(batch);
    }
  }

  /**
   * @param {Worker} worker
   * @param {WorkerMessage} message
   */
  #answer(worker, message) {
    if (!('ready' in message)) {
      for (const { id, results, seconds } of message) {
        // Every id answered was handed out by #dispatch, once.
        const task = /** @type {Omit<Queued, 'bytes'>} */ (this.#tasks.get(id));
        this.#tasks.delete(id);
        task.resolve({ results, seconds });
      }
    }
    this.#idle.push(worker);
    this.#dispatch();
  }

  // A worker that fails takes every outstanding input with it (a bug, not bad input).
  /** @param {unknown} error */
  #failAll(error) {

    for (const task of this.#tasks.values()) task.reject(error);
    for (const task of this.#queue) task.reject(error);
    this.#tasks.clear();
    this.#queue = [];
  }
}
