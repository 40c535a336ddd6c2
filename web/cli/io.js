// The command's I/O: inputs read whole (files, directories read, standard input), each as
// {path, bytes} or {path, error} with the message to print, and standard output.

import { closeSync, openSync, readSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

const MAX_READ_BYTES = 64 * 1024 * 1024; // per file or stdin; more is refused as unreadable
const EXTENSIONS = /\.(ya?ml|json)$/i;

/**
 * An input read whole, or the message to print for it.
 * @typedef {{path: string, bytes: Uint8Array, error?: undefined} | {path: string, error: string, bytes?: undefined}} Input
 */

/**
 * A file found in a directory (to be read), or the message to print for what could not be read.
 * @typedef {{path: string, error?: undefined} | {path: string, error: string}} Found
 */

/** @param {string} text */
export function out(text) {
  process.stdout.write(text);
}

/** Standard input's name in messages, as kubectl's. */
export const STDIN = '<stdin>';

// Inputs in order: files as given, directories read (sorted, .yaml/.yml/.json; their
// subdirectories only with `recursive`, as kubectl's -R), - as standard input.
/**
 * @param {readonly string[]} inputs
 * @param {{recursive?: boolean}} [options]
 * @returns {AsyncGenerator<Input, void, undefined>}
 */
export async function* expandInputs(inputs, { recursive = false } = {}) {
  for (const arg of inputs) {
    if (arg === '-') {
      yield await readStream(process.stdin, STDIN);
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch (err) {
      yield { path: arg, error: `cannot read ${arg}: ${describe(err)}` };
      continue;
    }
    if (info.isDirectory()) {
      let found = 0;
      for await (const file of walk(arg, new Set(), recursive)) {
        found++;
        yield file.error ? file : readInput(file.path);
      }
      if (found === 0) yield { path: arg, error: `${arg}: no .yaml, .yml or .json files in this directory` };
    } else {
      yield readInput(arg);
    }
  }
}

/**
 * @param {string} dir
 * @param {Set<string>} seen the directories walked (real paths)
 * @param {boolean} recursive
 * @returns {AsyncGenerator<Found, void, undefined>}
 */
async function* walk(dir, seen, recursive) {
  let real;
  try {
    real = await realpath(dir);
  } catch (err) {
    yield { path: dir, error: `cannot read ${dir}: ${describe(err)}` };
    return;
  }
  if (seen.has(real)) return; // a symlink loop
  seen.add(real);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    yield { path: dir, error: `cannot read ${dir}: ${describe(err)}` };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const pathIn = childPaths(dir);
  for (const entry of entries) {
    const path = pathIn(entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        if (EXTENSIONS.test(entry.name)) yield { path, error: `cannot read ${path}: broken symbolic link` };
        continue;
      }
    }
    if (isDir) {
      if (recursive) yield* walk(path, seen, recursive);
    }
    else if (isFile && EXTENSIONS.test(entry.name)) yield { path };
  }
}

/**
 * The paths of a directory's entries, as path.join(dir, name) writes them (tests/web/cli/files
 * holds the two equal), with the directory's part cleaned once: join cleans the whole path for
 * every entry, which cost as much as reading a small file.
 * @param {string} dir
 * @returns {(name: string) => string} for a name readdir gives (no separator, not . or ..)
 */
export function childPaths(dir) {
  const base = join(dir, '.');
  if (base === '.') return (name) => name;
  const prefix = base.endsWith(sep) ? base : base + sep;
  return (name) => prefix + name;
}

// Files are read with blocking calls: a small file costs a few microseconds that way, against a
// round trip through libuv's thread pool per call (open, stat, read, close) otherwise, which left
// the command idle most of the time on a directory of many files. Nor is the file stat'ed: a
// Stats object costs more than reading a small file, and reading says what it needs to know (a
// directory refuses to be read; a read that comes back short is followed by one that finds the end).
/**
 * @param {string} path
 * @returns {Input}
 */
export function readInput(path) {
  let fd;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return { path, error: `cannot read ${path}: ${describe(err)}` };
  }
  try {
    return readAll(path, (buf, offset) => readSync(fd, buf, offset, buf.length - offset, null));
  } catch (err) {
    return { path, error: `cannot read ${path}: ${describe(err)}` };
  } finally {
    try { closeSync(fd); } catch { /* already gone */ }
  }
}

// Bytes are read into a scratch buffer kept from input to input; an input that fits in it (most
// do) is copied out at its size. Larger ones are read in growing chunks, up to MAX_READ_BYTES; a
// larger input is refused as unreadable.
const SCRATCH_BYTES = 64 * 1024;
/** @type {Buffer | null} */
let scratch = null;

/**
 * @param {string} path
 * @param {(buf: Buffer, offset: number) => number} readInto fills `buf` from `offset`: the bytes read, 0 at the end
 * @returns {Input}
 */
function readAll(path, readInto) {
  scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES);
  let filled = 0;
  while (filled < scratch.length) {
    const n = readInto(scratch, filled);
    if (n === 0) {
      const bytes = new Uint8Array(filled);
      bytes.set(scratch.subarray(0, filled));
      return { path, bytes };
    }
    filled += n;
  }
  /** @type {Buffer[]} */
  const chunks = [Buffer.from(scratch)];
  let total = filled;
  for (let size = 4 * SCRATCH_BYTES; ; size = Math.min(size * 4, 16 << 20)) {
    const buf = Buffer.allocUnsafeSlow(size);
    filled = 0;
    while (filled < buf.length) {
      const n = readInto(buf, filled);
      if (n === 0) break;
      filled += n;
    }
    if (filled > 0) chunks.push(buf.subarray(0, filled));
    total += filled;
    if (total > MAX_READ_BYTES) return { path, error: `cannot read ${path}: larger than ${MAX_READ_BYTES / 1024 / 1024} MiB` };
    if (filled < buf.length) break;
  }
  const bytes = Buffer.concat(chunks, total);
  return { path, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/**
 * @param {import('node:stream').Readable} stream
 * @param {string} path
 * @returns {Promise<Input>}
 */
export async function readStream(stream, path) {
  /** @type {Buffer[]} */
  const chunks = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += chunk.length;
      if (total > MAX_READ_BYTES) {
        stream.destroy();
        return { path, error: `cannot read standard input: larger than ${MAX_READ_BYTES / 1024 / 1024} MiB` };
      }
      chunks.push(chunk);
    }
  } catch (err) {
    return { path, error: `cannot read standard input: ${describe(err)}` };
  }
  const bytes = Buffer.concat(chunks, total);
  return { path, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/**
 * A file system error in the words of the tools (kubectl, the shell).
 * @param {unknown} err
 */
function describe(err) {
  const e = /** @type {{code?: unknown, message?: unknown} | null | undefined} */ (err);
  switch (e?.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    default: return String(e?.message ?? err);

  }
}
