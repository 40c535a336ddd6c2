// The one place that performs the import engine's HTTP requests. The C++ core (ImportSession)
// decides every request; this loop only sends them with fetch, bounded in number, each with its
// own deadline and body cap, and feeds the answers back — in the browser and in Node alike.

const DEFAULT_CONCURRENCY = 6;
const DEFAULT_IMPORT_TIMEOUT_MS = 120_000;

/**
 * Runs one import to the end and returns the parsed answer (an ImageStreamImport with status, or a
 * metav1.Status when the request was refused).
 * @param {object} core the loaded wasm module (has the ImportSession class)
 * @param {string} specText the ImageStreamImport as JSON text
 * @param {object} coreOptions options for the core (see wasm/import_session.h)
 * @param {object} io {fetch, concurrency, signal, onProgress, proxyPrefix, importTimeoutMs}
 */
export async function runImport(core, specText, coreOptions, io = {}) {
  const fetchImpl = io.fetch ?? globalThis.fetch;
  const concurrency = Math.max(1, io.concurrency ?? DEFAULT_CONCURRENCY);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), io.importTimeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS);
  const session = new core.ImportSession(specText, JSON.stringify(coreOptions));
  try {
    let state = JSON.parse(session.start());
    const waiting = [...(state.requests ?? [])];
    const running = new Set();
    const report = (s) => {
      if (io.onProgress && s.progress) io.onProgress({ ...s.progress });
    };
    report(state);
    while (!state.done) {
      while (running.size < concurrency && waiting.length > 0) {
        const request = waiting.shift();
        const task = perform(fetchImpl, request, io, deadline.signal).then((answer) => ({ task, answer }));
        running.add(task);
      }
      if (running.size === 0) throw new Error('isimport: the import stalled with no request outstanding');
      const { task, answer } = await Promise.race(running);
      running.delete(task);
      state = JSON.parse(session.feed(JSON.stringify(answer.meta), answer.body));
      waiting.push(...(state.requests ?? []));
      report(state);
    }
    return JSON.parse(session.result());
  } finally {
    clearTimeout(timer);
    session.delete();
  }
}

function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

// Performs one request; never throws: every ending becomes a response for the core.
async function perform(fetchImpl, request, io, importDeadline) {
  const empty = new Uint8Array(0);
  const failed = (failure, failureText) => ({ meta: { id: request.id, status: 0, headers: [], failure, failureText }, body: empty });
  const userSignal = io.signal;
  await sleep(request.delayMs ?? 0, importDeadline);
  if (userSignal?.aborted) return failed('aborted', 'context canceled');
  if (importDeadline.aborted) return failed('timeout', 'context deadline exceeded');

  const controller = new AbortController();
  let why = null;
  const abortWith = (reason) => { if (!why) { why = reason; controller.abort(); } };
  const requestTimer = setTimeout(() => abortWith('timeout'), request.timeoutMs ?? 30_000);
  const onUser = () => abortWith('aborted');
  const onDeadline = () => abortWith('timeout');
  userSignal?.addEventListener('abort', onUser, { once: true });
  importDeadline.addEventListener('abort', onDeadline, { once: true });
  try {
    const headers = new Headers();
    for (const [name, value] of request.headers) headers.append(name, value);
    const url = (io.proxyPrefix ?? '') + request.url;
    let response;
    try {
      response = await fetchImpl(url, {
        method: request.method, headers, redirect: 'follow', signal: controller.signal,
        cache: 'no-store', credentials: 'omit',
      });
    } catch (error) {
      if (why === 'aborted') return failed('aborted', 'context canceled');
      if (why === 'timeout') return failed('timeout', 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
      return failed('network', describeNetworkError(error));
    }
    const meta = {
      id: request.id,
      status: response.status,
      url: response.url || request.url,
      headers: [...response.headers.entries()],
      failure: 'none',
    };
    if (request.method === 'HEAD' || !response.body) return { meta, body: empty };
    const read = await readCapped(response, request.maxBodyBytes ?? 4 << 20);
    if (read.tooLarge) return { meta: { ...meta, failure: 'tooLarge', failureText: 'body over the limit' }, body: empty };
    if (read.error) {
      if (why === 'aborted') return failed('aborted', 'context canceled');
      if (why === 'timeout') return failed('timeout', 'context deadline exceeded (Client.Timeout exceeded while reading body)');
      return failed('network', describeNetworkError(read.error));
    }
    return { meta, body: read.bytes };
  } finally {
    clearTimeout(requestTimer);
    userSignal?.removeEventListener('abort', onUser);
    importDeadline.removeEventListener('abort', onDeadline);
  }
}

// Reads a body as bytes, stopping as soon as it passes `limit`.
async function readCapped(response, limit) {
  const reader = response.body.getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        return { tooLarge: true };
      }
      chunks.push(value);
    }
  } catch (error) {
    return { error };
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) { bytes.set(c, offset); offset += c.byteLength; }
  return { bytes };
}

function describeNetworkError(error) {
  const cause = error?.cause;
  if (cause?.code && cause?.message) return cause.message;
  if (cause?.code) return String(cause.code);
  return error?.message ?? String(error);
}
