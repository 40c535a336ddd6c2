// The one place that performs the import engine's HTTP requests. The C++ core (ImportSession, and
// SupplySession for supplyChain()) decides every request — URL, method, headers, Authorization, retries and their delays, body caps —
// and this loop only sends them with fetch, bounded in number, each with its own deadline and body
// cap, and feeds the answers back. It runs unchanged in browsers and in Node 20 (no Node imports).
//
// What the driver itself decides (the core cannot see it):
//   - Redirects are followed here (at most 10, as Go's http.Client), keeping every header but
//     dropping Authorization when the next hop is another origin (scheme, host or port) — docs/architecture.md,
//     "Where credentials may go": such a hop is followed without an `Authorization` header.
//     Where fetch hides redirects (a browser's `redirect: 'manual'` answers an opaque response), the
//     request is sent again with `redirect: 'follow'`, whose spec drops Authorization across origins.
//   - Body caps: a Content-Length over the cap is refused before reading; a body that passes the cap
//     while streaming is cancelled at once, so memory stays bounded whatever the registry sends.
//   - Deadlines: each request has the core's timeoutMs (headers and body together, as Go's
//     http.Client.Timeout); the whole import has importTimeoutMs; the caller's AbortSignal cancels.
//     Each ending is reported to the core as the failure it is, which turns it into per-image status
//     (the core writes Go's `Get "<url>": <cause>` around the cause given here).

import { internalError } from './status.js';

/**
 * The import module as the driver uses it (the embind glue, instantiated by isimport.js): its
 * ImportSession class (wasm/import_bindings.cpp).
 * @typedef {object} ImportEngine
 * @property {new (specText: string, optionsJson: string) => ImportSession} ImportSession
 * @property {new (answerText: string, optionsJson: string) => import('./supply-chain.js').SupplySession} SupplySession
 */

/**
 * One import in the core (wasm/boundary/import_session.h). Every answer is JSON text: start() and
 * feed() a SessionState, result() the ImageStreamImport with status (or the failure Status),
 * notices() [{field, message}…]. A trap inside the core throws from any of them.
 * @typedef {object} ImportSession
 * @property {() => string} start
 * @property {(metaJson: string, body: Uint8Array) => string} feed the response's ResponseMeta as JSON, and its body
 * @property {() => string} result
 * @property {() => string} notices
 * @property {() => void} delete embind's: frees the C++ object
 */

// The messages of the session (wasm/boundary/session_messages.h), generated into boundary.d.ts:
// what start() and feed() answer, each request, and how a request ended (fed with `elapsedMs`).
/** @typedef {import('./boundary.js').SessionState} SessionState */
/** @typedef {import('./boundary.js').SessionRequest} CoreRequest */
/** @typedef {import('./boundary.js').ResponseMeta} ResponseMeta */

/** @typedef {{meta: Omit<ResponseMeta, 'elapsedMs'>, body: Uint8Array}} CoreResponse the arrival time is added when it is fed */

/**
 * What isimport.js passes along of importPreview()'s options.
 * @typedef {object} DriverIo
 * @property {import('./api.js').FetchLike} [fetch]
 * @property {number} concurrency requests in flight at once (the decoded option)
 * @property {AbortSignal | null} [signal]
 * @property {(progress: import('./api.js').ImportProgress) => void} [onProgress]
 * @property {(failure: import('./api.js').RequestFailure) => void} [onRequestFailure]
 * @property {(notice: {field: string, message: string}) => void} [onNotice]
 * @property {string} [proxyPrefix]
 * @property {number} importTimeoutMs the whole import's deadline (the decoded option)
 */

/**
 * Why a request is cut short: the caller's signal or the driver's `stop` ('aborted'), the import's
 * timeout ('deadline'), the request's own timeout ('timeout').
 * @typedef {'aborted' | 'deadline' | 'timeout'} EndReason
 */

/**
 * watch(fn): fn is called with the import's end, if it comes; the answer stops watching.
 * @typedef {(fn: (reason: EndReason) => void) => () => void} Watch
 */

/**
 * One import's shared state, for its requests.
 * @typedef {object} DriverContext
 * @property {import('./api.js').FetchLike} fetch
 * @property {string} proxyPrefix
 * @property {AbortSignal | null | undefined} userSignal
 * @property {AbortSignal} deadline
 * @property {AbortSignal} stop
 * @property {RequestRedirect} redirectMode 'manual' until a browser answers an opaque redirect
 * @property {((failure: import('./api.js').RequestFailure) => void) | undefined} onRequestFailure
 * @property {Watch} watch
 */

/**
 * The answer; `trap` (not enumerable) marks a failure of the core itself, whose module must not be
 * used again.
 * @typedef {import('./api.js').ImportResult & {readonly trap?: true}} DriverAnswer
 */

const DEFAULT_BODY_CAP = 4 << 20;
const MAX_REDIRECTS = 10;

/**
 * Runs one import to the end and returns the parsed answer: an ImageStreamImport with status, or a
 * metav1.Status when the request was refused (invalid spec) or the core failed. Bad options throw a
 * TypeError (the core's usage error).
 * @param {ImportEngine} core the loaded wasm module (has the ImportSession class)
 * @param {string} specText the ImageStreamImport as JSON text
 * @param {string} optionsJson importPreview()'s options as JSON, which the session reads again
 *   (wasm/boundary/options.h; options.js checked them)
 * @param {DriverIo} io
 * @returns {Promise<DriverAnswer>}
 */
export async function runImport(core, specText, optionsJson, io) {
  /** @type {ImportSession} */
  let session;
  try {
    session = new core.ImportSession(specText, optionsJson);
  } catch (error) {
    return coreFailure('ImportSession()', error);
  }
  return driveSession(session, io, () => {
    const answer = step(() => session.result(), 'result()');
    if (!answer.failed && io.onNotice) {
      const notices = step(() => session.notices(), 'notices()');
      for (const notice of /** @type {Array<{field: string, message: string}> | undefined} */ (notices.value) ?? []) io.onNotice({ ...notice });
    }
    return answer.failed ?? /** @type {import('./api.js').ImportResult} */ (answer.value);
  });
}

/**
 * A session of the core that hands out registry requests (the import's, the supply chain's):
 * start() and feed() answer a state with the requests to send; delete() frees it.
 * @typedef {object} RequestSession
 * @property {() => string} start
 * @property {(metaJson: string, body: Uint8Array) => string} feed
 * @property {() => void} delete
 */

/**
 * Sends a session's requests until it is done, feeding every answer back, and then answers what
 * `finish` makes of it. A refusal before any request answers its Status; a usage error throws a
 * TypeError; a trap of the core answers a 500 Status marked `trap`. The session is freed at the end.
 * @template T
 * @param {RequestSession} session
 * @param {DriverIo} io
 * @param {() => T | DriverAnswer | Promise<T | DriverAnswer>} finish called once the session is done
 * @returns {Promise<T | DriverAnswer>}
 */
export async function driveSession(session, io, finish) {
  const fetchImpl = io.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw new TypeError('isimport: no fetch function (pass options.fetch)');
  const { concurrency, importTimeoutMs } = io;

  // `deadline` ends the whole import (timeout); `stop` cancels what is still running when the loop
  // ends early (a core failure, a throwing onProgress).
  const deadline = new AbortController();
  const stop = new AbortController();
  const timer = setTimeout(() => deadline.abort(), importTimeoutMs);
  // The core has no clock: each answer carries its arrival time since the start (token expiry).
  const startedAt = performance.now();
  /** @type {DriverContext} */
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

  /** @typedef {{task: Promise<Finished>, answer: CoreResponse}} Finished */
  /** @type {Set<Promise<Finished>>} */
  const running = new Set();
  try {
    const started = step(() => session.start(), 'start()');
    if (started.failed) return started.failed;
    let state = /** @type {SessionState} */ (started.value);
    if (state.usageError !== undefined) throw new TypeError(`isimport: ${state.usageError}`);
    // Refused before any request: a failure Status, every member present.
    if (state.status !== undefined) return /** @type {DriverAnswer} */ (/** @type {unknown} */ (state.status));

    const waiting = [...(state.requests ?? [])];
    let last = '';
    /** @param {SessionState} s */
    const report = (s) => {
      if (!io.onProgress || !s.progress) return;
      const key = JSON.stringify(s.progress);
      if (key === last) return;
      last = key;
      io.onProgress({ ...s.progress });
    };
    report(state);
    while (!state.done) {
      while (running.size < concurrency) {
        const request = waiting.shift();
        if (request === undefined) break;
        /** @type {Promise<Finished>} */
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
      state = /** @type {SessionState} */ (fed.value);
      waiting.push(...(state.requests ?? []));
      report(state);
    }
    return await finish();
  } finally {
    clearTimeout(timer);
    stop.abort();
    // Whatever is still in flight ends promptly (aborted); nothing waits on it.
    for (const task of running) task.catch(() => {});
    try { session.delete(); } catch { /* a trapped instance may refuse this too */ }
  }
}

// One call into the core: its JSON answer, or a 500 Status when it trapped or answered nonsense.
/**
 * @param {() => string} call
 * @param {string} name
 * @returns {{failed: DriverAnswer, value?: undefined} | {value: unknown, failed?: undefined}}
 */
export function step(call, name) {
  let text;
  try {
    text = call();
  } catch (error) {
    return { failed: coreFailure(name, error) };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    // JSON.parse throws SyntaxErrors only.
    return { failed: internalError(`Internal error occurred: isimport core returned invalid JSON from ${name}: ${/** @type {SyntaxError} */ (error).message}`) };
  }
}

/**
 * @param {string} name
 * @param {unknown} error what the core threw (an Error, or a wasm trap's RuntimeError)
 * @returns {DriverAnswer}
 */
export function coreFailure(name, error) {
  const failure = internalError(`Internal error occurred: isimport core failed in ${name}: ${/** @type {ErrorLike | null | undefined} */ (error)?.message ?? error}`);
  Object.defineProperty(failure, 'trap', { value: true, enumerable: false });
  return failure;
}


// The import's ends (the caller's signal or `stop`: 'aborted'; the import's timeout: 'deadline')
// fanned out to its requests: one listener per signal for the whole import, not one per request
// (which would also trip Node's warning about more than ten listeners). watch(fn) → unwatch().
/**
 * @param {AbortSignal | null | undefined} userSignal
 * @param {AbortSignal} stop
 * @param {AbortSignal} deadline
 * @returns {Watch}
 */
function endWatchers(userSignal, stop, deadline) {
  /** @type {Set<(reason: EndReason) => void>} */
  const watchers = new Set();
  /** @param {EndReason} reason */
  const end = (reason) => () => { for (const fn of [...watchers]) fn(reason); };
  userSignal?.addEventListener('abort', end('aborted'), { once: true });
  stop.addEventListener('abort', end('aborted'), { once: true });
  deadline.addEventListener('abort', end('deadline'), { once: true });
  return (fn) => {
    watchers.add(fn);
    return () => watchers.delete(fn);
  };
}

/**
 * @param {number} ms
 * @param {DriverContext} ctx
 * @returns {Promise<void>}
 */
function sleep(ms, ctx) {
  return new Promise((/** @type {() => void} */ resolve) => {
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
/**
 * @param {DriverContext} ctx
 * @param {CoreRequest} request
 * @returns {Promise<CoreResponse>}
 */
async function perform(ctx, request) {
  /**
   * @param {ResponseMeta['failure']} failure
   * @param {string} failureText
   * @returns {CoreResponse}
   */
  const failed = (failure, failureText) => ({
    meta: { id: request.id, status: 0, headers: [], failure, failureText },
    body: EMPTY,
  });
  const { userSignal, deadline, stop } = ctx;
  await sleep(request.delayMs ?? 0, ctx);
  if (userSignal?.aborted || stop.aborted) return failed('aborted', 'context canceled');
  if (deadline.aborted) return failed('timeout', 'context deadline exceeded');

  const controller = new AbortController();
  /** @type {EndReason | null} */
  let why = null;
  /** @param {EndReason} reason */
  const abortWith = (reason) => {
    if (!why) {
      why = reason;
      controller.abort();
    }
  };
  const requestTimer = setTimeout(() => abortWith('timeout'), request.timeoutMs);
  const unwatch = ctx.watch(abortWith);
  /** @param {'awaiting headers' | 'reading body'} stage */
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
    let headers = /** @type {Array<[string, string]>} */ (request.headers); // the core writes each as [name, value]
    /** @type {Response} */
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

    /** @type {CoreResponse['meta']} */
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
    const read = await readCapped(response.body, cap);
    if ('tooLarge' in read) return { meta: { ...meta, failure: 'tooLarge', failureText: `body over the limit of ${cap} bytes` }, body: EMPTY };
    if ('error' in read) {
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
/**
 * @param {DriverContext} ctx
 * @param {string} method
 * @param {string} url
 * @param {Array<[string, string]>} headerList
 * @param {AbortSignal} signal
 * @returns {Promise<Response>}
 */
async function send(ctx, method, url, headerList, signal) {
  /**
   * @param {RequestRedirect} redirect
   * @returns {RequestInit}
   */
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

/**
 * @param {DriverContext} ctx
 * @param {string} url
 */
function unproxied(ctx, url) {
  if (!url) return null;
  if (ctx.proxyPrefix === '') return url;
  return url.startsWith(ctx.proxyPrefix) ? url.slice(ctx.proxyPrefix.length) : null;
}

const isRedirect = (/** @type {number} */ status) => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/** @param {Response} response */
function discard(response) {
  response.body?.cancel().catch(() => {});
}

// Reads a body as bytes, stopping as soon as it passes `limit`. (What the read threw comes back as
// `error`, whatever it is.)
/**
 * @param {ReadableStream<Uint8Array>} body
 * @param {number} limit
 * @returns {Promise<{bytes: Uint8Array} | {tooLarge: true} | {error: unknown}>}
 */
async function readCapped(body, limit) {
  const reader = body.getReader();
  /** @type {Uint8Array[]} */
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
/**
 * @param {DriverContext} ctx
 * @param {import('./api.js').RequestFailure} failure
 */
function reportFailure(ctx, failure) {
  try {
    ctx.onRequestFailure?.(failure);
  } catch { /* the caller's problem, not the import's */ }
}

// A browser's fetch rejects with a bare TypeError when it will not say why — a CORS refusal, a
// refused connection, a DNS or TLS failure, mixed content — in its own words (Chromium, Firefox,
// WebKit). Node's names the cause.
const BROWSER_HIDDEN = /^(?:Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed)$/;
/** @param {unknown} error */
const hiddenByBrowser = (error) => {
  const e = /** @type {ErrorLike | null | undefined} */ (error);
  return e?.name === 'TypeError' && e.cause === undefined && BROWSER_HIDDEN.test(String(e.message));
};

/**
 * What a browser can learn about a registry it could not read: "reachable" (it answered, but the
 * browser hid the answer: no CORS headers), "unreachable" (no answer at all), or "blocked" (plain
 * HTTP from an HTTPS page: mixed content). Sends one no-cors GET of `<origin>/v2/`, with no
 * credentials and no headers.
 * @param {string} url
 * @param {{fetch?: import('./api.js').FetchLike, timeoutMs?: number, pageProtocol?: string}} [options]
 * @returns {Promise<'reachable' | 'unreachable' | 'blocked'>}
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
// says e.g. `dial tcp 127.0.0.1:1: connect: connection refused`. The tail is platform text (docs/browser.md §8.9).
/**
 * What fetch implementations reject with, as far as it is read here: an Error (a TypeError from
 * fetch itself), whose `cause` may be a Node system error (code, address, port).
 * @typedef {{name?: string, message?: string, cause?: ErrorLike, code?: string, address?: string, port?: number}} ErrorLike
 */

/**
 * @param {unknown} error
 * @returns {string}
 */
function describeNetworkError(error) {
  const e = /** @type {ErrorLike | null | undefined} */ (error);
  const cause = e?.cause ?? e;
  // A body cut short of its Content-Length: Go's reader says "unexpected EOF".
  if (cause?.code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return 'unexpected EOF';
  if (cause?.code === 'ECONNREFUSED' && cause.address) return `dial tcp ${cause.address}:${cause.port}: connect: connection refused`;
  if (cause?.code && cause?.message) return cause.message;
  if (cause?.code) return String(cause.code);
  if (cause?.message) return cause.message;
  return e?.message ?? String(error);
}

