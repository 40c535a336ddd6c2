// `isimport validate`: checks ImageStreamImport (ImageStream, Image) YAML/JSON as the OpenShift
// API server would, with line:column on every error. Resolves to the exit status: 0 every
// document valid, 1 some document invalid, 2 an input could not be read.

import { performance } from 'node:perf_hooks';

import { load } from '../lib/isimport.js';
import { UsageError, choice, fieldValidation, parseArgs } from './args.js';
import { expandInputs, out } from './io.js';
import { jsonReport, junitReport, textReport } from './validate-reports.js';

export const VALIDATE_HELP = `Usage: isimport validate [flags] FILE|DIR|- …

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

function parseValidateArgs(args) {
  const opts = { fieldValidation: 'Strict', namespace: undefined, output: 'text', inputs: [], help: false };
  const help = () => { opts.help = true; };
  const namespace = (value) => { opts.namespace = value(); };
  const output = (value) => { opts.output = choice('--output', value(), ['text', 'json', 'junit']); };
  parseArgs(args, {
    command: 'validate',
    inlineShort: /^-[no]./, // -ojson, -o=json, -nfoo
    operand: (arg) => opts.inputs.push(arg),
    flags: {
      '-h': help,
      '--help': help,
      '--field-validation': (value) => { opts.fieldValidation = fieldValidation(value()); },
      '-n': namespace,
      '--namespace': namespace,
      '-o': output,
      '--output': output,
    },
  });
  return opts;
}

export async function validateCommand(args) {
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
