// The one place that performs the import engine's HTTP requests. The C++ core (ImportSession)
// decides every request — URL, method, headers, Authorization, retries and their delays, body caps —
// and this loop only sends them with fetch, bounded in number, each with its own deadline and body
// cap, and feeds the answers back. It runs unchanged in browsers and in Node 20 (no Node imports).
//
// What the driver itself decides (the core cannot see it):
//   - Redirects are followed here (at most 10, as Go's http.Client), keeping every header but
//     dropping Authorization when the next hop is another origin (scheme, host or port) — DESIGN.md:
//     "Redirects … that lead to another host are followed, but never with an Authorization header".
//     Where fetch hides redirects (a browser's `redirect: 'manual'` answers an opaque response), the
//     request is sent again with `redirect: 'follow'`, whose spec drops Authorization across origins.
//   - Body caps: a Content-Length over the cap is refused before reading; a body that passes the cap
//     while streaming is cancelled at once, so memory stays bounded whatever the registry sends.
//   - Deadlines: each request has the core's timeoutMs (headers and body together, as Go's
//     http.Client.Timeout); the whole import has importTimeoutMs; the caller's AbortSignal cancels.
//     Each ending is reported to the core as the failure it is, which turns it into per-image status
//     (the core writes Go's `Get "<url>": <cause>` around the cause given here).

const DEFAULT_CONCURRENCY = 6;
const DEFAULT_IMPORT_TIMEOUT_MS = 120_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_BODY_CAP = 4 << 20;
const MAX_REDIRECTS = 10;

/**
 * Runs one import to the end and returns the parsed answer: an ImageStreamImport with status, or a
 * metav1.Status when the request was refused (invalid spec) or the core failed. Bad options throw a
 * TypeError (the core's usage error).
 * @param {object} core the loaded wasm module (has the ImportSession class)
 * @param {string} specText the ImageStreamImport as JSON text
 * @param {object} coreOptions options for the core (see wasm/import/import_session.h)
 * @param {object} io {fetch, concurrency, signal, onProgress, onRequestFailure, onNotice, proxyPrefix, importTimeoutMs}
 */
export async function runImport(core, specText, coreOptions, io = {}) {
  const fetchImpl = io.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw new TypeError('isimport: no fetch function (pass options.fetch)');
  const concurrency = Math.max(1, Math.floor(io.concurrency ?? DEFAULT_CONCURRENCY));
  const importTimeoutMs = io.importTimeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS;

  // `deadline` ends the whole import (timeout); `stop` cancels what is still running when the loop
  // ends early (a core failure, a throwing onProgress).
  const deadline = new AbortController();
  const stop = new AbortController();
  const timer = setTimeout(() => deadline.abort(), importTimeoutMs);
  // The core has no clock: each answer carries its arrival time since the start (token expiry).
  const startedAt = performance.now();
  const ctx = {
    // Called as a plain function: a browser's fetch refuses any other `this` ("Illegal invocation").
    fetch: (url, init) => fetchImpl(url, init),
    proxyPrefix: io.proxyPrefix ?? '',
    userSignal: io.signal,
    deadline: deadline.signal,
    stop: stop.signal,
    redirectMode: 'manual',
    onRequestFailure: io.onRequestFailure,
    watch: endWatchers(io.signal, stop.signal, deadline.signal),
  };

  let session;
  try {
    session = new core.ImportSession(specText, JSON.stringify(coreOptions));
  } catch (error) {
    return coreFailure('ImportSession()', error);
  }
  const running = new Set();
  try {
    let state = step(() => session.start(), 'start()');
    if (state.failed) return state.failed;
    state = state.value;
    if (state.usageError !== undefined) throw new TypeError(`isimport: ${state.usageError}`);
    if (state.status !== undefined) return state.status; // refused before any request

    const waiting = [...(state.requests ?? [])];
    let last = '';
    const report = (s) => {
      if (!io.onProgress || !s.progress) return;
      const key = JSON.stringify(s.progress);
      if (key === last) return;
      last = key;
      io.onProgress({ ...s.progress });
    };
    report(state);
    while (!state.done) {
      while (running.size < concurrency && waiting.length > 0) {
        const request = waiting.shift();
        const task = perform(ctx, request).then((answer) => ({ task, answer }));
        running.add(task);
      }
      if (running.size === 0) {
        return internalError('Internal error occurred: isimport: the import stalled with no request outstanding');
      }
      const { task, answer } = await Promise.race(running);
      running.delete(task);
      const meta = { ...answer.meta, elapsedMs: Math.max(1, Math.round(performance.now() - startedAt)) };
      const fed = step(() => session.feed(JSON.stringify(meta), answer.body), 'feed()');
      if (fed.failed) return fed.failed;
      state = fed.value;
      waiting.push(...(state.requests ?? []));
      report(state);
    }
    const answer = step(() => session.result(), 'result()');
    if (!answer.failed && io.onNotice) {
      const notices = step(() => session.notices(), 'notices()');
      for (const notice of notices.value ?? []) io.onNotice({ ...notice });
    }
    return answer.failed ?? answer.value;
  } finally {
    clearTimeout(timer);
    stop.abort();
    // Whatever is still in flight ends promptly (aborted); nothing waits on it.
    for (const task of running) task.catch(() => {});
    try { session.delete(); } catch { /* a trapped instance may refuse this too */ }
  }
}

// One call into the core: its JSON answer, or a 500 Status when it trapped or answered nonsense.
function step(call, name) {
  let text;
  try {
    text = call();
  } catch (error) {
    return { failed: coreFailure(name, error) };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { failed: internalError(`Internal error occurred: isimport core returned invalid JSON from ${name}: ${error.message}`) };
  }
}

function coreFailure(name, error) {
  const failure = internalError(`Internal error occurred: isimport core failed in ${name}: ${error?.message ?? error}`);
  Object.defineProperty(failure, 'trap', { value: true, enumerable: false });
  return failure;
}

function internalError(message) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 };
}

// The import's ends (the caller's signal or `stop`: 'aborted'; the import's timeout: 'deadline')
// fanned out to its requests: one listener per signal for the whole import, not one per request
// (which would also trip Node's warning about more than ten listeners). watch(fn) → unwatch().
function endWatchers(userSignal, stop, deadline) {
  const watchers = new Set();
  const end = (reason) => () => { for (const fn of [...watchers]) fn(reason); };
  userSignal?.addEventListener('abort', end('aborted'), { once: true });
  stop.addEventListener('abort', end('aborted'), { once: true });
  deadline.addEventListener('abort', end('deadline'), { once: true });
  return (fn) => {
    watchers.add(fn);
    return () => watchers.delete(fn);
  };
}

function sleep(ms, ctx) {
  return new Promise((resolve) => {
    if (ms <= 0 || ctx.deadline.aborted || ctx.userSignal?.aborted || ctx.stop.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      unwatch();
      resolve();
    };
    const t = setTimeout(done, ms);
    const unwatch = ctx.watch(done);
  });
}

const EMPTY = new Uint8Array(0);

// Performs one request of the core; never throws: every ending becomes a response for the core.
async function perform(ctx, request) {
  const failed = (failure, failureText) => ({
    meta: { id: request.id, status: 0, headers: [], failure, failureText },
    body: EMPTY,
  });
  const { userSignal, deadline, stop } = ctx;
  await sleep(request.delayMs ?? 0, ctx);
  if (userSignal?.aborted || stop.aborted) return failed('aborted', 'context canceled');
  if (deadline.aborted) return failed('timeout', 'context deadline exceeded');

  const controller = new AbortController();
  let why = null;
  const abortWith = (reason) => {
    if (!why) {
      why = reason;
      controller.abort();
    }
  };
  const requestTimer = setTimeout(() => abortWith('timeout'), request.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  const unwatch = ctx.watch(abortWith);
  const ended = (stage) => {
    if (why === 'aborted') return failed('aborted', 'context canceled');
    if (why === 'deadline') return failed('timeout', 'context deadline exceeded');
    // Go's http.Client words the two stages differently.
    return failed('timeout', stage === 'reading body'
      ? 'context deadline exceeded (Client.Timeout or context cancellation while reading body)'
      : 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
  };
  try {
    let url = request.url;
    let headers = request.headers;
    let response;
    for (let hop = 0; ; hop++) {
      try {
        response = await send(ctx, request.method, url, headers, controller.signal);
      } catch (error) {
        if (why) return ended('awaiting headers');
        const message = describeNetworkError(error);
        reportFailure(ctx, { method: request.method, url, message, hidden: hiddenByBrowser(error) });
        return failed('network', message);
      }
      const location = isRedirect(response.status) ? response.headers.get('location') : null;
      if (location === null) break;
      discard(response);
      if (hop + 1 > MAX_REDIRECTS) {
        return failed('network', `stopped after ${MAX_REDIRECTS} redirects`);
      }
      let next;
      try {
        next = new URL(location, url).href;
      } catch {
        return failed('network', `failed to parse Location header ${JSON.stringify(location)}`);
      }
      if (!/^https?:$/.test(new URL(next).protocol)) {
        return failed('network', `unsupported protocol scheme ${JSON.stringify(new URL(next).protocol.slice(0, -1))}`);
      }
      if (new URL(next).origin !== new URL(url).origin) {
        headers = headers.filter(([name]) => name.toLowerCase() !== 'authorization');
      }
      url = next;
    }

    const meta = {
      id: request.id,
      status: response.status,
      url: response.redirected ? unproxied(ctx, response.url) ?? url : url,
      headers: [...response.headers.entries()],
      failure: 'none',
    };
    if (request.method === 'HEAD' || !response.body) return { meta, body: EMPTY };
    // Error answers (outside 200–399) have their own, smaller cap.
    const errorAnswer = response.status < 200 || response.status >= 400;
    const cap = (errorAnswer ? request.maxErrorBodyBytes : request.maxBodyBytes) ?? DEFAULT_BODY_CAP;
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > cap) {
      discard(response);
      return { meta: { ...meta, failure: 'tooLarge', failureText: `body of ${declared} bytes is over the limit of ${cap}` }, body: EMPTY };
    }
    const read = await readCapped(response, cap);
    if (read.tooLarge) return { meta: { ...meta, failure: 'tooLarge', failureText: `body over the limit of ${cap} bytes` }, body: EMPTY };
    if (read.error) {
      if (why) return ended('reading body');
      return failed('network', describeNetworkError(read.error));
    }
    return { meta, body: read.bytes };
  } finally {
    clearTimeout(requestTimer);
    unwatch();
  }
}

// One fetch without following redirects where fetch allows that (Node, most custom fetches); in a
// browser the first opaque redirect switches this import to `redirect: 'follow'`.
async function send(ctx, method, url, headerList, signal) {
  const init = (redirect) => {
    const headers = new Headers();
    for (const [name, value] of headerList) headers.append(name, value);
    return { method, headers, redirect, signal, cache: 'no-store', credentials: 'omit' };
  };
  const target = ctx.proxyPrefix + url;
  if (ctx.redirectMode === 'manual') {
    const response = await ctx.fetch(target, init('manual'));
    if (response.type !== 'opaqueredirect') return response;
    ctx.redirectMode = 'follow';
  }
  return ctx.fetch(target, init('follow'));
}

function unproxied(ctx, url) {
  if (!url) return null;
  if (ctx.proxyPrefix === '') return url;
  return url.startsWith(ctx.proxyPrefix) ? url.slice(ctx.proxyPrefix.length) : null;
}

const isRedirect = (status) => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

function discard(response) {
  response.body?.cancel().catch(() => {});
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
        reader.cancel().catch(() => {});
        return { tooLarge: true };
      }
      chunks.push(value);
    }
  } catch (error) {
    return { error };
  }
  if (chunks.length === 1) return { bytes: chunks[0] };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return { bytes };
}

// Tells the caller about a request that ended without an answer (the page explains CORS with it);
// a throwing callback must not break the import.
function reportFailure(ctx, failure) {
  try {
    ctx.onRequestFailure?.(failure);
  } catch { /* the caller's problem, not the import's */ }
}

// A browser's fetch rejects with a bare TypeError when it will not say why — a CORS refusal, a
// refused connection, a DNS or TLS failure, mixed content — in its own words (Chromium, Firefox,
// WebKit). Node's names the cause.
const BROWSER_HIDDEN = /^(?:Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed)$/;
const hiddenByBrowser = (error) => error?.name === 'TypeError' && error.cause === undefined && BROWSER_HIDDEN.test(error.message);

/**
 * What a browser can learn about a registry it could not read: "reachable" (it answered, but the
 * browser hid the answer: no CORS headers), "unreachable" (no answer at all), or "blocked" (plain
 * HTTP from an HTTPS page: mixed content). Sends one no-cors GET of `<origin>/v2/`, with no
 * credentials and no headers.
 */
export async function probeRegistry(url, { fetch: fetchImpl = globalThis.fetch, timeoutMs = 5000, pageProtocol = globalThis.location?.protocol } = {}) {
  const target = new URL('/v2/', url);
  if (pageProtocol === 'https:' && target.protocol === 'http:') return 'blocked';
  try {
    await fetchImpl(target.href, { mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    return 'reachable';
  } catch {
    return 'unreachable';
  }
}

// Node's fetch says "fetch failed" and puts the reason in `cause` (ECONNREFUSED, ENOTFOUND …); Go
// says e.g. `dial tcp 127.0.0.1:1: connect: connection refused`. The tail is platform text (DESIGN.md).
function describeNetworkError(error) {
  const cause = error?.cause ?? error;
  // A body cut short of its Content-Length: Go's reader says "unexpected EOF".
  if (cause?.code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return 'unexpected EOF';
  if (cause?.code === 'ECONNREFUSED' && cause.address) return `dial tcp ${cause.address}:${cause.port}: connect: connection refused`;
  if (cause?.code && cause?.message) return cause.message;
  if (cause?.code) return String(cause.code);
  if (cause?.message) return cause.message;
  return error?.message ?? String(error);
}
