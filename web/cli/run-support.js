// What the commands that talk to registries share (`import`, `supply-chain`): reading an input a
// flag names, the credentials look-up, a progress bar on a terminal and Ctrl-C cancelling. Each
// failure is printed here, once, in the same words for both commands; the caller exits with 2.

import { authFilePaths, lookUpCredentials } from './auth-files.js';
import { STDIN, readInput, readStream } from './io.js';

/**
 * A file (or `-`, standard input) read whole; null when it cannot be read (the message printed).
 * @param {string} path
 * @param {string} [what] the flag that named it
 * @returns {Promise<Uint8Array | null>}
 */
export async function readOrFail(path, what) {
  const input = path === '-' ? await readStream(process.stdin, STDIN) : await readInput(path);
  if (input.error !== undefined) {
    process.stderr.write(`isimport: ${what ? `${what}: ` : ''}${input.error}\n`);
    return null;
  }
  return input.bytes;
}

/**
 * The registry credentials to use: the --authfile's bytes, else what the podman/docker look-up
 * finds (undefined: none), or null when a file could not be read (the message printed).
 * @param {{authFile?: string, noCreds?: boolean}} flags
 * @returns {Promise<Uint8Array | import('../lib/api.js').DockerConfigJson | undefined | null>}
 */
export async function credentialsOf({ authFile, noCreds }) {
  if (authFile !== undefined) return readOrFail(authFile, '--authfile');
  if (noCreds) return undefined;
  const found = await lookUpCredentials(authFilePaths());
  if (found.error !== undefined) {
    process.stderr.write(`isimport: credentials: ${found.error}\n`);
    return null;
  }
  for (const path of found.helpers) process.stderr.write(`isimport: note: ${path} names credential helpers (credsStore, credHelpers); isimport does not run them\n`);
  return found.config ?? undefined;
}

/**
 * Ctrl-C aborts `signal` (what runs then ends as failures, and the command still prints what it
 * has); a second Ctrl-C exits at once. `stop()` removes the handler.
 * @returns {{signal: AbortSignal, stop(): void}}
 */
export function cancelOnInterrupt() {
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nisimport: cancelling the requests still running (Ctrl-C again to exit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  return { signal: controller.signal, stop: () => { process.off('SIGINT', onInterrupt); } };
}

/**
 * A one-line progress bar on a terminal (null when the stream is not one). `counts` words the
 * units after the requests ("1/3 images"); the bar is redrawn at most every 50 ms, and when
 * `finished` says the last report came.
 * @template P
 * @param {NodeJS.WriteStream} stream
 * @param {(p: P) => {done: number, known: number, units: string, finished: boolean}} counts
 * @returns {{update(p: P): void, clear(): void} | null}
 */
export function progressBar(stream, counts) {
  if (!stream.isTTY) return null;
  let shown = false;
  let lastDraw = 0;
  /** @param {{done: number, known: number, units: string}} c */
  const draw = (c) => {
    const width = 24;
    const total = Math.max(c.known, 1);
    const filled = Math.min(width, Math.round((c.done / total) * width));
    const line = `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${c.done}/${c.known} requests, ${c.units}`;
    stream.write(`\r${line.slice(0, Math.max(10, (stream.columns || 80) - 1))}\x1b[K`);
    shown = true;
    lastDraw = Date.now();
  };
  return {
    update(p) {
      const c = counts(p);
      if (Date.now() - lastDraw >= 50 || c.finished) draw(c);
    },

    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
