// `isimport validate`: checks ImageStreamImport (ImageStream, Image) YAML/JSON as the OpenShift
// API server would, with line:column on every error, reading files as kubectl does (lists
// flattened, other groups' kinds skipped). Resolves to the exit status: 0 every object valid (or
// skipped), 1 some object invalid, 2 an input could not be read.

import { availableParallelism } from 'node:os';

import { load } from '../lib/isimport.js';
import { status, validationFailure } from '../lib/status.js';
import { UsageError, choice, fieldValidation, integer, kindList, parseArgs } from './args.js';
import { expandInputs, out } from './io.js';
import { validators } from './validate-pool.js';
import { REPORTS, SHOWS_TIME, WRITES_YAML } from './validate-reports.js';

export const VALIDATE_HELP = `Usage: isimport validate [flags] FILE|DIR|- …

Validates ImageStreamImport (and ImageStream, Image) documents exactly as the OpenShift API server
would answer 'kubectl create' for them, with the position of every error.

Inputs: JSON or YAML files (several YAML documents per file separated by ---), as operands or
with -f; a directory is read for its .yaml, .yml and .json files (in sorted order; with -R, its
subdirectories too); - reads standard input (named <stdin>). A list (kind: List, ImageStreamList,
any object with items, as 'oc get is -o yaml' prints) is validated item by item, each named
FILE#N/items[i]. Objects of other groups (Deployments, Services, Templates …) are skipped.

Flags:
  -f, --filename FILE|DIR|-
        an input, as an operand would be (repeatable)
  -R, --recursive
        read directories recursively (default: only the files directly in them, as kubectl)
  --field-validation Strict|Warn|Ignore
        unknown and duplicate fields are errors (Strict, the default, as kubectl sends today),
        warnings (Warn) or ignored (Ignore)
  -n, --namespace NS
        the namespace of the request (default "default"): fills an empty metadata.namespace;
        when given, a document in another namespace is an error
  -o, --output text|json|yaml|junit|tap
        text (default): one line per object, then one line per error with file:line:column;
        json, yaml: a list with an entry per object {source, valid, causes, positions, hints,
        diagnostics, warnings, status} ({source, skipped, kind, apiVersion, reason} when skipped,
        {source, valid: false, error} for an input that cannot be read); junit: a JUnit XML
        report; tap: Test Anything Protocol, a test per object
  --summary
        end with a line counting the objects: valid, invalid, skipped, and inputs in error
  -q, --quiet
        print only problems: invalid objects and inputs that cannot be read (text and tap)
  --kinds KIND,…
        validate only these kinds (Kind or apiVersion/Kind); others are skipped
  --skip KIND,…
        skip these kinds (Kind or apiVersion/Kind)
  --reject-unknown-kinds
        a kind outside image.openshift.io is an error instead of skipped
  -j, --jobs N
        validate in N threads (default: one per core on machines with more than two cores,
        else 1); results are reported in input order
  -h, --help
        this text

Exit status: 0 every object valid or skipped, 1 some object invalid (including decode errors and
bodies over 3 MiB), 2 usage error or an input that cannot be read.
`;

const OUTPUTS = /** @type {const} */ (['text', 'json', 'yaml', 'junit', 'tap']);

/**
 * @typedef {object} ValidateFlags
 * @property {import('../lib/api.js').FieldValidation} fieldValidation
 * @property {string | undefined} namespace
 * @property {typeof OUTPUTS[number]} output
 * @property {string[]} inputs
 * @property {boolean} help
 * @property {boolean} recursive
 * @property {boolean} summary
 * @property {boolean} quiet
 * @property {string[] | undefined} kinds
 * @property {string[] | undefined} skip
 * @property {boolean} rejectUnknownKinds
 * @property {number} jobs
 */

/**
 * An input read ahead and the answer coming for it (none for an input that could not be read).
 * @typedef {{input: Extract<import('./io.js').Input, {error: string}>, answer: null}
 *   | {input: Extract<import('./io.js').Input, {bytes: Uint8Array}>, answer: Promise<import('./validate-pool.js').Validated>}} Pending
 */

// One thread per core, on machines with more than two: one thread of Node already keeps about
// 1.4 cores busy (V8 compiles and collects garbage on threads of its own), so on two cores a
// second validating thread costs more than it brings (bench/cli.mjs, BENCHMARKS.md).
function defaultJobs() {
  const cores = availableParallelism();
  return cores > 2 ? cores : 1;
}

/**
 * @param {readonly string[]} args
 * @returns {ValidateFlags}
 */
function parseValidateArgs(args) {
  /** @type {ValidateFlags} */
  const opts = {
    fieldValidation: 'Strict', namespace: undefined, output: 'text', inputs: [], help: false,
    recursive: false, summary: false, quiet: false, kinds: undefined, skip: undefined, rejectUnknownKinds: false,
    jobs: defaultJobs(),
  };
  /** @param {'help' | 'recursive' | 'summary' | 'quiet' | 'rejectUnknownKinds'} name */
  const on = (name) => () => { opts[name] = true; };
  /** @type {import('./args.js').FlagHandler} */
  const namespace = (value) => { opts.namespace = value(); };
  /** @type {import('./args.js').FlagHandler} */
  const output = (value) => { opts.output = choice('--output', value(), OUTPUTS); };
  /** @type {import('./args.js').FlagHandler} */
  const filename = (value) => { opts.inputs.push(value()); };
  /** @type {import('./args.js').FlagHandler} */
  const jobs = (value, flag) => { opts.jobs = integer(flag, value(), 1, 256); };
  parseArgs(args, {
    command: 'validate',
    inlineShort: /^-[nofj]./, // -ojson, -o=json, -nfoo, -fx.yaml, -j4
    operand: (arg) => opts.inputs.push(arg),
    flags: {
      '-h': on('help'),
      '--help': on('help'),
      '-f': filename,
      '--filename': filename,
      '-R': on('recursive'),
      '--recursive': on('recursive'),
      '--field-validation': (value) => { opts.fieldValidation = fieldValidation(value()); },
      '-n': namespace,
      '--namespace': namespace,
      '-o': output,
      '--output': output,
      '--summary': on('summary'),
      '-q': on('quiet'),
      '--quiet': on('quiet'),
      '--kinds': (value, flag) => { opts.kinds = kindList(flag, value()); },
      '--skip': (value, flag) => { opts.skip = kindList(flag, value()); },
      '--reject-unknown-kinds': on('rejectUnknownKinds'),
      '-j': jobs,
      '--jobs': jobs,
    },
  });
  return opts;
}

// Inputs read ahead of the one being reported, at most.
const WINDOW = 256;

// The entry for an input that holds no object at all (as kubectl refuses it).
/** @returns {import('./validate-reports.js').ReportedResult} */
const noObjects = () => ({
  source: 0,
  item: '',
  ...validationFailure('ImageStreamImport', status(400, 'BadRequest', 'no objects passed to validate')),
});

/**
 * @param {readonly string[]} args
 * @returns {Promise<number>} the exit status
 */
export async function validateCommand(args) {
  const opts = parseValidateArgs(args);
  if (opts.help) {
    out(VALIDATE_HELP);
    return 0;
  }
  if (opts.inputs.length === 0) throw new UsageError('validate needs at least one FILE, DIR or - (standard input)');
  if (opts.inputs.filter((a) => a === '-').length > 1) throw new UsageError('- (standard input) can be given only once');

  const isi = await load();
  /** @type {import('../lib/api.js').ValidateOptions} */
  const validateOptions = { fieldValidation: opts.fieldValidation, rejectUnknownKinds: opts.rejectUnknownKinds };
  if (opts.namespace !== undefined) validateOptions.namespace = opts.namespace;
  if (opts.kinds) validateOptions.kinds = opts.kinds;
  if (opts.skip) validateOptions.skip = opts.skip;

  const yaml = WRITES_YAML.has(opts.output) ? await import('yaml') : null;
  const report = REPORTS[opts.output]({ quiet: opts.quiet, yaml });
  /** @type {import('./validate-reports.js').Counts} */
  const counts = { objects: 0, valid: 0, invalid: 0, skipped: 0, errors: 0, inputs: 0 };

  // Inputs are read in order and validated ahead (in threads with --jobs), at most a window of
  // them at once, and reported in order.
  const validator = await validators(isi, validateOptions, opts.jobs, SHOWS_TIME.has(opts.output));
  /** @type {Pending[]} */
  const window = [];
  const reportNext = async () => {
    // Called while the window holds inputs.
    const { input, answer } = /** @type {Pending} */ (window.shift());
    if (answer === null) {
      counts.errors++;
      process.stderr.write(`isimport: ${input.error}\n`);
      report.unreadable(input.path, input.error);
      return;
    }
    let { results, seconds } = await answer;
    if (results.length === 0) results = [noObjects()];
    for (const result of results) {
      counts.objects++;
      if (result.skipped) counts.skipped++;
      else if (result.valid) counts.valid++;
      else counts.invalid++;
      report.document(input.path, result, seconds / results.length);
    }
  };
  try {
    for await (const input of expandInputs(opts.inputs, { recursive: opts.recursive })) {
      counts.inputs++;
      window.push(input.error !== undefined ? { input, answer: null } : { input, answer: validator.validate(input.bytes) });

      if (window.length > WINDOW) await reportNext();
    }
    while (window.length > 0) await reportNext();
  } finally {
    validator.close();
  }
  report.end(opts.summary ? counts : null);
  return counts.errors ? 2 : counts.invalid ? 1 : 0;
}
