#!/usr/bin/env node
// isimport: the command line. `isimport validate …` checks ImageStreamImport (ImageStream, Image)
// YAML/JSON as the OpenShift API server would, with line:column on every error.
// Exit status: 0 every document valid, 1 some document invalid, 2 usage error or unreadable input.

import { open, readdir, realpath, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { load } from '../lib/isimport.js';

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const MAX_READ_BYTES = 64 * 1024 * 1024; // per file or stdin; more is refused as unreadable
const EXTENSIONS = /\.(ya?ml|json)$/i;

const HELP = `isimport ${PACKAGE.version}: OpenShift's ImageStreamImport without a cluster

Usage:
  isimport validate [flags] FILE|DIR|- …   validate ImageStreamImport (also ImageStream, Image)
                                           YAML or JSON as the API server would
  isimport import [flags]                  perform an import against registries
                                           (coming: not implemented yet)
  isimport --help | --version

Run 'isimport validate --help' for the validate flags.
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
    out(HELP);
    return 0;
  }
  if (command === '--version' || command === '-V' || command === 'version') {
    const isi = await load({ schemas: false });
    out(`isimport ${PACKAGE.version} (core ${isi.version})\n`);
    return 0;
  }
  if (command === 'validate') return validateCommand(rest);
  if (command === 'import') {
    if (rest.includes('-h') || rest.includes('--help')) {
      out('Usage: isimport import [-f FILE|-] [-o json|yaml] [--auth-file config.json] [--concurrency N] [--timeout S]\n\nNot implemented yet.\n');
      return 0;
    }
    process.stderr.write('isimport import: not implemented yet (coming: performs the import against the registries)\n');
    return 2;
  }
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
