// Validation speed, side by side in one run: isi.validate(text) against what a page would use
// instead, ajv run on JSON.parse(text), compiled once from the project's own schema and once from
// a minimal schema of the same shape (bench/minimal-schema.json: types, required fields, enums, no
// extra fields; a smaller schema makes ajv faster); and the native core
// (build/native/bench_validate) on the same documents, beside the same core compiled to wasm and
// called as the library calls it (validateBytes on text already in the module's memory, so that
// core meets core: the native bench reads its documents into memory first too). Both validators
// must refuse the invalid controls, or the run fails.
//
//   node bench/validate.mjs [--seconds S]      (npm run bench runs it; needs npm run build)
import { readFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

import { load } from '../web/lib/isimport.js';
import { beside } from './bars.mjs';
import { corpus, invalidControls } from './corpus.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 1;

// Documents per second of `fn` over `docs`, run for about `seconds`.
function rate(docs, fn) {
  let done = 0;
  const start = performance.now();
  for (;;) {
    for (const d of docs) fn(d);
    done += docs.length;
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= seconds) return done / elapsed;
  }
}

export async function benchValidate() {
  const docs = corpus();
  const isi = await load();
  // ajv as a page would set it up: its formats (the schema's date-time) checked, first error only.
  const compile = (file) => addFormats(new Ajv({ allErrors: false, strict: false })).compile(JSON.parse(readFileSync(file, 'utf8')));
  const ajvs = {
    ajv: compile(`${root}schemas/imagestreamimport-image-v1.json`),
    ajvMinimal: compile(`${root}bench/minimal-schema.json`),
  };

  // The same verdicts where they must agree: every corpus document is valid for all, every
  // control invalid for all.
  for (const d of docs) {
    if (!isi.validate(d).valid) throw new Error(`isimport refuses a corpus document: ${isi.validate(d).status?.message}`);
    for (const [name, ajv] of Object.entries(ajvs)) {
      if (!ajv(JSON.parse(d))) throw new Error(`${name} refuses a corpus document: ${JSON.stringify(ajv.errors)}`);
    }
  }
  for (const [text, what] of invalidControls()) {
    if (isi.validate(text).valid) throw new Error(`isimport accepts ${what}`);
    for (const [name, ajv] of Object.entries(ajvs)) {
      if (ajv(JSON.parse(text))) throw new Error(`${name} accepts ${what}`);
    }
  }

  // Alternating rounds, medians: the machine's speed drifts.
  const rounds = { isimport: [], ajv: [], ajvMinimal: [] };
  for (let i = 0; i < 5; i++) {
    rounds.isimport.push(rate(docs, (d) => isi.validate(d)));
    for (const [name, ajv] of Object.entries(ajvs)) rounds[name].push(rate(docs, (d) => ajv(JSON.parse(d))));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const wasmCore = await rawCoreRate(docs);

  let native = null;
  const binary = `${root}build/native/bench_validate`;
  if (existsSync(binary)) {
    mkdirSync(`${root}build/bench`, { recursive: true });
    const file = `${root}build/bench/corpus.jsonl`;
    writeFileSync(file, `${docs.map((d) => JSON.stringify(JSON.parse(d))).join('\n')}\n`);
    const r = spawnSync(binary, [file, String(seconds * 2)], { encoding: 'utf8' });
    if (r.status === 0) native = JSON.parse(r.stdout).docsPerSecond;
  }
  const bytes = docs.reduce((a, d) => a + d.length, 0);
  return {
    documents: docs.length,
    meanBytes: Math.round(bytes / docs.length),
    isimport: median(rounds.isimport),
    ajv: median(rounds.ajv),
    ajvMinimal: median(rounds.ajvMinimal),
    wasmCore,
    native,
  };
}

// The wasm core alone: every document written once into the module's memory, then validateBytes
// on each (options as the library's defaults pass them), medians of three rounds. The documents
// are the native bench's own texts (compacted, one per line), so both cores read the same bytes.
async function rawCoreRate(corpusDocs) {
  const docs = corpusDocs.map((d) => JSON.stringify(JSON.parse(d)));
  const wasm = (f) => `${root}web/lib/wasm/${f}`;
  const { default: factory } = await import(wasm('isimport_validation.mjs'));
  const core = await factory({ wasmBinary: readFileSync(wasm('isimport_validation.wasm')), printErr: () => {} });
  const encoder = new TextEncoder();
  const placed = docs.map((d) => {
    const bytes = encoder.encode(d);
    const at = core._malloc(bytes.length);
    core.HEAPU8.set(bytes, at);
    return [at, bytes.length];
  });
  const outSize = 64 * 1024;
  const out = core._malloc(outSize);
  for (const [at, length] of placed) {
    if (core._validateBytes(at, length, 0, 0, 0, 0, false, false, out, outSize) < 0) throw new Error('the wasm core refuses a corpus document');
  }
  const rounds = [];
  for (let i = 0; i < 3; i++) rounds.push(rate(placed, ([at, length]) => core._validateBytes(at, length, 0, 0, 0, 0, false, false, out, outSize)));
  return [...rounds].sort((a, b) => a - b)[1];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchValidate();
  const k = (n) => `${(n / 1000).toFixed(1)} k/s`;
  console.log(`validation, ${r.documents} documents of ${r.meanBytes} B on average (JSON), one Node process:`);
  const bar = (measure, ratio, least) => beside(measure, `${ratio.toFixed(2)}×`, `≥ ${least.toFixed(1)}×`, ratio >= least);
  console.log(`  isi.validate(text)                        ${k(r.isimport)}`);
  console.log(`  ajv(JSON.parse(text)), project schema     ${k(r.ajv)}`);
  console.log(`  ajv(JSON.parse(text)), minimal schema     ${k(r.ajvMinimal)}`);
  console.log(`  isimport / ajv, project schema            ${bar('isi.validate / ajv(JSON.parse), project schema', r.isimport / r.ajv, 1.5)}`);
  console.log(`  isimport / ajv, minimal schema            ${bar('isi.validate / ajv(JSON.parse), minimal schema', r.isimport / r.ajvMinimal, 1.0)}`);
  console.log(`  wasm core alone (validateBytes)           ${k(r.wasmCore)}`);
  if (r.native) {
    console.log(`  native core (validateCompact)             ${k(r.native)}   (for reference)`);
    console.log(`  wasm core / native core                   ${(r.native / r.wasmCore).toFixed(2)}× slower`);
    console.log(`  isi.validate() / native core              ${(r.native / r.isimport).toFixed(2)}× slower   (the JS API's result objects included)`);
  }
}
