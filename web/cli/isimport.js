#!/usr/bin/env node
// isimport: the command line.
//   `isimport validate …` checks ImageStreamImport (ImageStream, Image) YAML/JSON as the OpenShift
//   API server would, with line:column on every error. Exit status: 0 every document valid, 1 some
//   document invalid, 2 usage error or unreadable input.
//   `isimport import -f FILE` performs the import against the registries and prints the
//   ImageStreamImport the server would answer. Exit status: 0 accepted (per-image failures live in
//   the per-image status), 1 refused (the Status is printed), 2 usage error or unreadable input.

import { open, readdir, realpath, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { stringify as yamlStringify } from 'yaml';

import { load } from '../lib/isimport.js';

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const MAX_READ_BYTES = 64 * 1024 * 1024; // per file or stdin; more is refused as unreadable
const EXTENSIONS = /\.(ya?ml|json)$/i;

const HELP = `isimport ${PACKAGE.version}: OpenShift's ImageStreamImport without a cluster

Usage:
  isimport validate [flags] FILE|DIR|- …   validate ImageStreamImport (also ImageStream, Image)
                                           YAML or JSON as the API server would
  isimport import [flags] [-f FILE|-]      perform the import against the registries and print
                                           the ImageStreamImport the API server would answer
  isimport --help | --version

Run 'isimport validate --help' or 'isimport import --help' for their flags.
`;

const VALIDATE_HELP = `Usage: isimport validate [flags] FILE|DIR|- …

Validates ImageStreamImport (and ImageStream, Image) documents exactly as the OpenShift API server
would answer 'kubectl create' for them, with the position of every error.

Inputs: JSON or YAML files (several YAML documents per file separated by ---); a directory is
walked for .yaml, .yml and .json files (in sorted order); - reads standard input.

Flags:
  --field-validation Strict|Warn|Ignore
        unknown and duplicate fields are errors (Strict, the default, as kubectl sends today),
        warnings (Warn) or ignored (Ignore)
  -n, --namespace NS
        the namespace of the request (default "default"): fills an empty metadata.namespace;
        when given, a document in another namespace is an error
  -o, --output text|json|junit
        text (default): one line per document, then one line per error with file:line:column;
        json: one JSON array, an entry per document {source, valid, causes, positions, hints,
        warnings, status}; junit: a JUnit XML report (one testcase per document)
  -h, --help
        this text

Exit status: 0 every document valid, 1 some document invalid (including decode errors and
bodies over 3 MiB), 2 usage error or an input that cannot be read.
`;

const IMPORT_HELP = `Usage: isimport import [flags] [-f FILE|-]

Performs the import the OpenShift API server would perform for 'oc create -f FILE' of an
ImageStreamImport, against the real registries, and prints the answer: the ImageStreamImport with
its status (status.images, status.repository and, with spec.import: true, status.import, the
ImageStream as it would be after the import). Nothing is written anywhere.

Input: one ImageStreamImport, JSON or YAML, from FILE or standard input (-f -, or no -f when
standard input is not a terminal).

Flags:
  -f, --filename FILE|-   the ImageStreamImport to import
  -o, --output json|yaml  the answer as pretty JSON (the default) or YAML
  --auth-file FILE        registry credentials: a docker config.json (~/.docker/config.json,
                          \${XDG_RUNTIME_DIR}/containers/auth.json) or a kubernetes.io/dockerconfigjson
                          Secret (JSON or YAML, as 'oc get secret NAME -o yaml' prints it)
  --current FILE          the ImageStream as it is now (e.g. 'oc get is NAME -o yaml'); with
                          spec.import: true, status.import is computed against it (default: a new
                          ImageStream)
  --concurrency N         requests in flight at once (default 6)
  --timeout S             seconds allowed per registry request (default 30)
  --import-timeout S      seconds allowed for the whole import (default 120); requests still
                          running then end as per-image failures
  --platform OS/ARCH      the control plane's platform, used to pick one image of a manifest list
                          in Legacy mode (default linux/amd64)
  --max-tags N            tags imported per spec.repository (default 50, as upstream; -1: all)
  -n, --namespace NS      the namespace of the request (default "default"): fills an empty
                          metadata.namespace; a document in another namespace is refused
  --field-validation Strict|Warn|Ignore
                          unknown and duplicate fields: errors (Strict, the default), warnings or
                          ignored
  --proxy PREFIX          send every registry request to PREFIX + URL (a CORS or caching proxy)
  --now TIME              the request time (RFC 3339; default: now), for reproducible answers
  -h, --help              this text

Plain HTTP is used only for images whose importPolicy.insecure is true (as upstream, an https
registry is tried first). Credentials go only to the registry host and its token realm; never over
plain HTTP unless the image is insecure; never along a redirect or Link to another host.

While it runs, a progress bar is shown on standard error when that is a terminal. Ctrl-C cancels
the requests still running (they end as per-image failures and the answer is printed); a second
Ctrl-C exits at once.

Exit status: 0 the import was accepted (per-image failures such as NotFound or Unauthorized live in
status.images[].status and status.repository.status); 1 the server would refuse the request (the
Status is printed, e.g. 422 Invalid with status.details.causes); 2 usage error, or an input or
--auth-file/--current file that cannot be read.
`;

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(`isimport: a command is needed\n\n${HELP}`);
    return 2;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    if (command === 'help' && rest[0] === 'validate') return out(VALIDATE_HELP), 0;
    if (command === 'help' && rest[0] === 'import') return out(IMPORT_HELP), 0;
    out(HELP);
    return 0;
  }
  if (command === '--version' || command === '-V' || command === 'version') {
    const isi = await load({ schemas: false });
    out(`isimport ${PACKAGE.version} (core ${isi.version})\n`);
    return 0;
  }
  if (command === 'validate') return validateCommand(rest);
  if (command === 'import') return importCommand(rest);
  throw new UsageError(command.startsWith('-') ? `unknown flag ${JSON.stringify(command)}` : `unknown command ${JSON.stringify(command)}`);
}

function parseValidateArgs(args) {
  const opts = { fieldValidation: 'Strict', namespace: undefined, output: 'text', inputs: [], help: false };
  const valueOf = (flag, inline, i) => {
    if (inline !== undefined) return [inline, i];
    if (i + 1 >= args.length) throw new UsageError(`flag ${flag} needs a value`);
    return [args[i + 1], i + 1];
  };
  let onlyFiles = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      opts.inputs.push(arg);
      continue;
    }
    if (arg === '--') { onlyFiles = true; continue; }
    let flag = arg;
    let inline;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq !== -1) {
      flag = arg.slice(0, eq);
      inline = arg.slice(eq + 1);
    } else if (/^-[no]./.test(arg)) { // -ojson, -o=json, -nfoo
      flag = arg.slice(0, 2);
      inline = arg[2] === '=' ? arg.slice(3) : arg.slice(2);
    }
    let value;
    switch (flag) {
      case '-h':
      case '--help':
        opts.help = true;
        break;
      case '--field-validation': {
        [value, i] = valueOf(flag, inline, i);
        const mode = ['Strict', 'Warn', 'Ignore'].find((m) => m.toLowerCase() === value.toLowerCase());
        if (!mode) throw new UsageError(`invalid value ${JSON.stringify(value)} for --field-validation: must be Strict, Warn or Ignore`);
        opts.fieldValidation = mode;
        break;
      }
      case '-n':
      case '--namespace':
        [value, i] = valueOf(flag, inline, i);
        opts.namespace = value;
        break;
      case '-o':
      case '--output':
        [value, i] = valueOf(flag, inline, i);
        if (!['text', 'json', 'junit'].includes(value)) {
          throw new UsageError(`invalid value ${JSON.stringify(value)} for --output: must be text, json or junit`);
        }
        opts.output = value;
        break;
      default:
        throw new UsageError(`unknown flag ${JSON.stringify(flag)} for "validate"`);
    }
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------

async function validateCommand(args) {
  const opts = parseValidateArgs(args);
  if (opts.help) {
    out(VALIDATE_HELP);
    return 0;
  }
  if (opts.inputs.length === 0) throw new UsageError('validate needs at least one FILE, DIR or - (standard input)');
  if (opts.inputs.filter((a) => a === '-').length > 1) throw new UsageError('- (standard input) can be given only once');

  const isi = await load();
  const validateOptions = { fieldValidation: opts.fieldValidation };
  if (opts.namespace !== undefined) validateOptions.namespace = opts.namespace;

  const report = opts.output === 'text' ? textReport() : opts.output === 'json' ? jsonReport() : junitReport();
  let unreadable = false;
  let invalid = false;

  for await (const input of expandInputs(opts.inputs)) {
    if (input.error) {
      unreadable = true;
      process.stderr.write(`isimport: ${input.error}\n`);
      report.unreadable(input.path, input.error);
      continue;
    }
    const started = performance.now();
    let results = isi.validateAll(input.bytes, validateOptions);
    const seconds = (performance.now() - started) / 1000;
    if (results.length === 0) {
      results = [{
        source: 0,
        valid: false,
        causes: [],
        warnings: [],
        positions: [],
        diagnostics: [],
        status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'no objects passed to validate', reason: 'BadRequest', code: 400 },
      }];
    }
    for (const result of results) {
      if (!result.valid) invalid = true;
      report.document(input.path, result, seconds / results.length);
    }
  }
  report.end();
  return unreadable ? 2 : invalid ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// import

function parseImportArgs(args) {
  const opts = { output: 'json', file: undefined, help: false, lib: {} };
  const lib = opts.lib;
  const valueOf = (flag, inline, i) => {
    if (inline !== undefined) return [inline, i];
    if (i + 1 >= args.length) throw new UsageError(`flag ${flag} needs a value`);
    return [args[i + 1], i + 1];
  };
  const seconds = (flag, value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 3600) throw new UsageError(`invalid value ${JSON.stringify(value)} for ${flag}: must be a number of seconds from 0 to 3600`);
    return Math.max(1, Math.round(n * 1000));
  };
  const integer = (flag, value, min, max) => {
    if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new UsageError(`invalid value ${JSON.stringify(value)} for ${flag}: must be an integer from ${min} to ${max}`);
    }
    return Number(value);
  };
  const setFile = (value) => {
    if (opts.file !== undefined) throw new UsageError('import takes one input (-f FILE or -)');
    opts.file = value;
  };
  let onlyFiles = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      setFile(arg);
      continue;
    }
    if (arg === '--') { onlyFiles = true; continue; }
    let flag = arg;
    let inline;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq !== -1) {
      flag = arg.slice(0, eq);
      inline = arg.slice(eq + 1);
    } else if (/^-[fno]./.test(arg)) { // -ojson, -o=yaml, -fspec.yaml
      flag = arg.slice(0, 2);
      inline = arg[2] === '=' ? arg.slice(3) : arg.slice(2);
    }
    let value;
    switch (flag) {
      case '-h':
      case '--help':
        opts.help = true;
        break;
      case '-f':
      case '--filename':
        [value, i] = valueOf(flag, inline, i);
        setFile(value);
        break;
      case '-o':
      case '--output':
        [value, i] = valueOf(flag, inline, i);
        if (!['json', 'yaml'].includes(value)) throw new UsageError(`invalid value ${JSON.stringify(value)} for --output: must be json or yaml`);
        opts.output = value;
        break;
      case '--auth-file':
        [opts.authFile, i] = valueOf(flag, inline, i);
        break;
      case '--current':
        [opts.currentFile, i] = valueOf(flag, inline, i);
        break;
      case '--concurrency':
        [value, i] = valueOf(flag, inline, i);
        lib.concurrency = integer(flag, value, 1, 64);
        break;
      case '--timeout':
        [value, i] = valueOf(flag, inline, i);
        lib.requestTimeout = seconds(flag, value);
        break;
      case '--import-timeout':
        [value, i] = valueOf(flag, inline, i);
        lib.importTimeout = seconds(flag, value);
        break;
      case '--platform':
        [value, i] = valueOf(flag, inline, i);
        if (!/^[^/\s]+\/[^/\s]+(\/[^/\s]+)?$/.test(value)) throw new UsageError(`invalid value ${JSON.stringify(value)} for --platform: must be OS/ARCH[/VARIANT], e.g. linux/arm64`);
        lib.platform = value;
        break;
      case '--max-tags':
        [value, i] = valueOf(flag, inline, i);
        lib.maxTagsPerRepository = integer(flag, value, -1, 1000000);
        break;
      case '-n':
      case '--namespace':
        [lib.namespace, i] = valueOf(flag, inline, i);
        break;
      case '--field-validation': {
        [value, i] = valueOf(flag, inline, i);
        const mode = ['Strict', 'Warn', 'Ignore'].find((m) => m.toLowerCase() === value.toLowerCase());
        if (!mode) throw new UsageError(`invalid value ${JSON.stringify(value)} for --field-validation: must be Strict, Warn or Ignore`);
        lib.fieldValidation = mode;
        break;
      }
      case '--proxy':
        [value, i] = valueOf(flag, inline, i);
        if (!/^https?:\/\/./.test(value)) throw new UsageError(`invalid value ${JSON.stringify(value)} for --proxy: must be an http:// or https:// URL prefix`);
        lib.proxyPrefix = value;
        break;
      case '--now':
        [value, i] = valueOf(flag, inline, i);
        if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value) || Number.isNaN(Date.parse(value))) {
          throw new UsageError(`invalid value ${JSON.stringify(value)} for --now: must be an RFC 3339 time such as 2024-01-02T03:04:05Z`);
        }
        lib.now = value;
        break;
      default:
        throw new UsageError(`unknown flag ${JSON.stringify(flag)} for "import"`);
    }
  }
  return opts;
}

async function importCommand(args) {
  const opts = parseImportArgs(args);
  if (opts.help) {
    out(IMPORT_HELP);
    return 0;
  }
  if (opts.file === undefined) {
    if (process.stdin.isTTY) throw new UsageError('import needs an ImageStreamImport: -f FILE, or - for standard input');
    opts.file = '-';
  }
  const readOrFail = async (path, what) => {
    const input = path === '-' ? await readStream(process.stdin, '-') : await readInput(path);
    if (input.error) {
      process.stderr.write(`isimport: ${what ? `${what}: ` : ''}${input.error}\n`);
      return null;
    }
    return input.bytes;
  };
  const spec = await readOrFail(opts.file);
  if (spec === null) return 2;
  const lib = { ...opts.lib };
  if (opts.authFile !== undefined) {
    const bytes = await readOrFail(opts.authFile, '--auth-file');
    if (bytes === null) return 2;
    lib.credentials = bytes;
  }
  if (opts.currentFile !== undefined) {
    const bytes = await readOrFail(opts.currentFile, '--current');
    if (bytes === null) return 2;
    lib.currentImageStream = bytes;
  }

  const isi = await load({ schemas: false });
  const controller = new AbortController();
  lib.signal = controller.signal;
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nisimport: cancelling the requests still running (Ctrl-C again to exit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  const bar = progressBar(process.stderr);
  if (bar) lib.onProgress = bar.update;

  let answer;
  try {
    answer = await isi.importPreview(spec, lib);
  } catch (err) {
    if (err instanceof TypeError && /^isimport: /.test(err.message)) {
      bar?.clear();
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    bar?.clear();
    process.off('SIGINT', onInterrupt);
  }
  out(opts.output === 'yaml' ? yamlStringify(answer, { version: '1.1', lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false }) : `${JSON.stringify(answer, null, 2)}\n`);
  return answer?.kind === 'Status' ? 1 : 0;
}

// A one-line progress bar on a terminal (nothing when the stream is not one).
function progressBar(stream) {
  if (!stream.isTTY) return null;
  let shown = false;
  let lastDraw = 0;
  let latest = null;
  const draw = () => {
    const p = latest;
    const width = 24;
    const total = Math.max(p.requestsKnown, 1);
    const filled = Math.min(width, Math.round((p.requestsDone / total) * width));
    const line = `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${p.requestsDone}/${p.requestsKnown} requests, ${p.imagesDone}/${p.imagesTotal} images`;
    stream.write(`\r${line.slice(0, Math.max(10, (stream.columns || 80) - 1))}\x1b[K`);
    shown = true;
    lastDraw = Date.now();
  };
  return {
    update(p) {
      latest = p;
      if (Date.now() - lastDraw >= 50 || p.imagesDone === p.imagesTotal) draw();
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

// Inputs in order: files as given, directories walked (sorted, .yaml/.yml/.json), - as stdin.
async function* expandInputs(inputs) {
  for (const arg of inputs) {
    if (arg === '-') {
      yield await readStream(process.stdin, '-');
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
      for await (const file of walk(arg, new Set())) {
        found++;
        yield file.error ? file : await readInput(file.path);
      }
      if (found === 0) yield { path: arg, error: `${arg}: no .yaml, .yml or .json files in this directory` };
    } else {
      yield await readInput(arg);
    }
  }
}

async function* walk(dir, seen) {
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
  for (const entry of entries) {
    const path = join(dir, entry.name);
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
    if (isDir) yield* walk(path, seen);
    else if (isFile && EXTENSIONS.test(entry.name)) yield { path };
  }
}

async function readInput(path) {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    return { path, error: `cannot read ${path}: ${describe(err)}` };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { path, error: `cannot read ${path}: is a directory` };
    return await readAll(path, (buf, offset) => handle.read(buf, offset, buf.length - offset, null).then((r) => r.bytesRead));
  } catch (err) {
    return { path, error: `cannot read ${path}: ${describe(err)}` };
  } finally {
    await handle.close().catch(() => {});
  }
}

// Reads up to MAX_READ_BYTES; a larger input is refused as unreadable.
async function readAll(path, readInto) {
  const chunks = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(1 << 20);
    let filled = 0;
    while (filled < buf.length) {
      const n = await readInto(buf, filled);
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

async function readStream(stream, path) {
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

function describe(err) {
  switch (err?.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    default: return String(err?.message ?? err);
  }
}

// ---------------------------------------------------------------------------------------------
// Reports.

const sourceOf = (path, result) => `${path}#${result.source}`;

function located(path, d) {
  const where = d.line !== undefined ? `${path}:${d.line}:${d.column}` : path;
  return `${where}: ${d.message}${d.hint ? `; ${d.hint}` : ''}`;
}

function hintsOf(result) {
  return result.diagnostics.filter((d) => d.hint).map((d) => `${d.message}; ${d.hint}`);
}

function textReport() {
  return {
    document(path, result) {
      const lines = [`${sourceOf(path, result)}: ${result.valid ? 'valid' : result.status?.message ?? 'invalid'}`];
      for (const d of result.diagnostics) if (d.severity === 'error') lines.push(`  ${located(path, d)}`);
      for (const d of result.diagnostics) {
        if (d.severity !== 'warning') continue;
        lines.push(`Warning: ${d.message}`);
        if (d.line !== undefined || d.hint) lines.push(`  ${located(path, d)}`);
      }
      out(`${lines.join('\n')}\n`);
    },
    unreadable() {},
    end() {},
  };
}

function jsonReport() {
  const entries = [];
  return {
    document(path, result) {
      const entry = {
        source: sourceOf(path, result),
        valid: result.valid,
        causes: result.causes.map((c) => ({ reason: c.reason, field: c.field, message: c.message })),
        positions: result.positions,
        hints: hintsOf(result),
        warnings: result.warnings,
      };
      if (!result.valid && result.status) entry.status = result.status;
      entries.push(entry);
    },
    unreadable() {},
    end() {
      out(`${JSON.stringify(entries, null, 2)}\n`);
    },
  };
}

function junitReport() {
  const suites = new Map(); // path → {cases: [xml], tests, failures, errors, time}
  const suite = (path) => {
    if (!suites.has(path)) suites.set(path, { cases: [], tests: 0, failures: 0, errors: 0, time: 0 });
    return suites.get(path);
  };
  return {
    document(path, result, seconds) {
      const s = suite(path);
      s.tests++;
      s.time += seconds;
      const name = sourceOf(path, result);
      const head = `    <testcase classname="${xml(path)}" name="${xml(name)}" time="${seconds.toFixed(6)}"`;
      const inner = [];
      if (!result.valid) {
        s.failures++;
        const body = result.diagnostics.filter((d) => d.severity === 'error').map((d) => located(path, d));
        inner.push(`      <failure message="${xml(result.status?.message ?? 'invalid')}" type="${xml(result.status?.reason ?? 'Invalid')}">${xml(body.join('\n'), false)}</failure>`);
      }
      const warnings = result.diagnostics.filter((d) => d.severity === 'warning').map((d) => `Warning: ${located(path, d)}`);
      if (warnings.length > 0) inner.push(`      <system-out>${xml(warnings.join('\n'), false)}</system-out>`);
      s.cases.push(inner.length === 0 ? `${head}/>` : `${head}>\n${inner.join('\n')}\n    </testcase>`);
    },
    unreadable(path, message) {
      const s = suite(path);
      s.tests++;
      s.errors++;
      s.cases.push(`    <testcase classname="${xml(path)}" name="${xml(path)}" time="0">\n      <error message="${xml(message)}" type="Unreadable"/>\n    </testcase>`);
    },
    end() {
      let tests = 0;
      let failures = 0;
      let errors = 0;
      let time = 0;
      const body = [];
      for (const [path, s] of suites) {
        tests += s.tests;
        failures += s.failures;
        errors += s.errors;
        time += s.time;
        body.push(`  <testsuite name="${xml(path)}" tests="${s.tests}" failures="${s.failures}" errors="${s.errors}" time="${s.time.toFixed(6)}">`);
        body.push(...s.cases);
        body.push('  </testsuite>');
      }
      out([
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="isimport validate" tests="${tests}" failures="${failures}" errors="${errors}" time="${time.toFixed(6)}">`,
        ...body,
        '</testsuites>',
        '',
      ].join('\n'));
    },
  };
}

// XML 1.0 text and attribute values: markup escaped, characters XML cannot hold (C0 controls but
// tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) written as \uXXXX, line breaks kept as references.
function xml(s, attribute = true) {
  return String(s)
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(attribute ? /[&<>"'\t\n\r]/g : /[&<>\r]/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]);
}

// ---------------------------------------------------------------------------------------------

function out(text) {
  process.stdout.write(text);
}

process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`isimport: ${err.message}\nRun 'isimport --help' for usage.\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`isimport: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 2;
  }
}
