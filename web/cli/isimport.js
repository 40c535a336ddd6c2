#!/usr/bin/env node
// isimport, the bin: the command line is main.js. `isimport validate` runs from its bundle when
// the build has made one (web/cli/bundle.mjs → bundle/validate.mjs: the command, the library and
// the CLI's modules in one ES module instead of some twenty, each of which Node 20 loads on its
// own) and no source it was built from has changed since; else, and for every other command,
// from the source modules (a clone before `npm run build` works the same, only slower to start).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

const BUNDLE = new URL('./bundle/validate.mjs', import.meta.url);

/** The bundle's URL when it is there and newer than each of its sources (its first line lists them), else null. */
function freshBundle() {
  let fd;
  try {
    fd = openSync(BUNDLE, 'r');
    const head = Buffer.alloc(4096);
    const text = head.toString('utf8', 0, readSync(fd, head, 0, head.length, 0));
    const built = statSync(BUNDLE).mtimeMs;
    /** @type {string[]} the sources, relative to the bundle */
    const sources = JSON.parse(/^\/\/ sources: (.*)\n/.exec(text)?.[1] ?? 'null');
    for (const source of sources) if (statSync(new URL(source, BUNDLE)).mtimeMs > built) return null;
    return BUNDLE.href;
  } catch {
    return null; // not built, or not readable: the sources
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// `validate` runs the core's wasm code as V8 first compiles it (Liftoff), never recompiling the
// busiest functions with its optimizing compiler: a run is over in well under a second for most
// inputs, and those recompiles cost more than they gain in it (2 000 files: 361 ms against 439,
// a fifth less CPU; still ahead at 10 000; BENCHMARKS.md). Set before any module is compiled.
if (process.argv[2] === 'validate') setFlagsFromString('--liftoff-only');

await import((process.argv[2] === 'validate' && freshBundle()) || './main.js');
