// `isimport supply-chain`: what vouches for each image of an import (docs/supply-chain.md §9) —
// signatures checked with the --key files, attestations, SBOMs — and what the --policy files
// would decide. FILE is a spec (imported first, as `isimport import` would, and not printed) or an
// answer (with status, from `isimport import` or a cluster: read as it is). Resolves to the exit
// status: 0, 1 when a policy denies an image (a CI gate), 2 usage or unreadable input (a spec the
// server would refuse, a key or policy that cannot be used), 130 cancelled.

import { load } from '../lib/isimport.js';
import { readOneObject } from '../lib/input.js';
import { UsageError, choice, invalid, optionsError, parseArgs } from './args.js';
import { STDIN, out } from './io.js';
import { reportImport } from './import-report.js';
import { cancelOnInterrupt, credentialsOf, progressBar, readOrFail } from './run-support.js';
import { keyFingerprint, reportSupplyChain } from './supply-report.js';

// The library option each flag sets, for naming the flag when the core refuses its value.
/** @type {Record<string, string>} */
const OPTION_FLAGS = {
  concurrency: '--concurrency', requestTimeout: '--timeout', timeout: '--lookup-timeout',
  maxRequestsPerSubject: '--max-requests', platform: '--platform',
};

/** An answer with nothing in it: keys and policies are checked with it, one file at a time. */
const EMPTY_ANSWER = { kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1', metadata: { name: 'check' }, spec: {}, status: {} };

/** @param {string} value seconds (fractions allowed); text that is no number is left for the core to refuse */
const milliseconds = (value) => (value.trim() === '' || Number.isNaN(Number(value)) ? value : Number(value) * 1000);

/** @param {import('../lib/api.js').SupplyChainOptionsDecoded} defaults */
export const supplyHelp = (defaults) => `Usage: isimport supply-chain [flags] [-f FILE|-]

Finds what vouches for each image of an ImageStreamImport: signatures, attestations and SBOMs
beside its digest (the OCI referrers API, the referrers tag, cosign's .sig/.att/.sbom tags,
BuildKit's attestation manifests), checks signatures with the --key files, summarises SBOMs and
provenance, and says what the --policy files (ClusterImagePolicy, ImagePolicy) would decide for a
node pulling it. Nothing is written anywhere.

Input: one ImageStreamImport, JSON or YAML, from FILE or standard input (-f -, or no -f when
standard input is not a terminal). Without a status it is a spec: it is imported first, as
'isimport import' would, and its images are looked at. With a status (status.images or
status.repository) it is an answer, from 'isimport import' or a cluster: looked at as it is.

Flags:
  -f, --filename FILE|-   the spec or answer
  -o, --output text|json|yaml
                          a tree per image for a person (the default), or supplyChain()'s answer
                          ({subjects, errors}) as pretty JSON or YAML
  --key FILE              a PEM public key (cosign.pub: ECDSA P-256/P-384, RSA, Ed25519) to check
                          signatures with; repeatable. Keys never leave memory
  --policy FILE           ClusterImagePolicy/ImagePolicy objects (config.openshift.io/v1, YAML or
                          JSON, several documents or a List); repeatable. Their PublicKey keys
                          check signatures too
  --authfile FILE         registry credentials (also --auth-file), as for 'isimport import'; without
                          it the podman and docker logins are looked up as that command does
  --no-creds              use no credentials at all (no look-up)
  --concurrency N         requests in flight at once (default ${defaults.concurrency})
  --timeout S             seconds allowed per registry request (default ${defaults.requestTimeout / 1000}; 0: no limit of its
                          own, the lookup's still applies)
  --lookup-timeout S      seconds for the whole lookup (default ${defaults.timeout / 1000}); what still runs then is an error
  --max-requests N        registry requests per image at most (default ${defaults.maxRequestsPerSubject})
  --proxy PREFIX          send every registry request to PREFIX + URL (a CORS or caching proxy)
  --platform OS/ARCH      a spec only: the control plane's platform for Legacy imports
  -n, --namespace NS      a spec only: the request's namespace (an answer's is its own); ImagePolicy
                          objects of other namespaces do not apply
  -h, --help              this text

Text output: per image its reference by digest, where the answer holds it (and its platform), then a
line per artifact — kind, format, where it was found, verified / failed / unverified with the key
(SHA256 fingerprint, 12 digits, and the --key file it came from) — with the SBOM or provenance
summary and the reason below it, then the policy decision and its reason; lookup errors last. A
progress bar is shown on standard error when it is a terminal. Ctrl-C cancels what still runs.

Exit status: 0 done (lookup errors are reported, not fatal); 1 a policy denies some image; 2 usage
error, an unreadable input, a spec the server would refuse, a key or policy that cannot be used;
130 cancelled with Ctrl-C.
`;

/**
 * supplyChain()'s and importPreview()'s options as the flags set them (values the core checks stay
 * as given).
 * @typedef {object} SupplyLib
 * @property {number | string} [concurrency]
 * @property {number | string} [requestTimeout]
 * @property {number | string} [timeout]
 * @property {number | string} [maxRequestsPerSubject]
 * @property {string} [proxyPrefix]
 */

/**
 * @typedef {object} SupplyFlags
 * @property {'text' | 'json' | 'yaml'} output
 * @property {string | undefined} file
 * @property {boolean} help
 * @property {string[]} keys the --key files, in order
 * @property {string[]} policies the --policy files, in order
 * @property {SupplyLib} lib
 * @property {Record<string, string>} raw each flag's value as given (for a refusal's message)
 * @property {string} [authFile]
 * @property {boolean} [noCreds]
 * @property {boolean} [noRequestTimeout]
 * @property {string} [platform]
 * @property {string} [namespace]
 */

/**
 * @param {readonly string[]} args
 * @returns {SupplyFlags}
 */
function parseSupplyArgs(args) {
  /** @type {SupplyFlags} */
  const opts = { output: 'text', file: undefined, help: false, keys: [], policies: [], lib: {}, raw: {} };
  const { lib, raw } = opts;
  /** @param {string} value */
  const setFile = (value) => {
    if (opts.file !== undefined) throw new UsageError('supply-chain takes one input (-f FILE or -)');
    opts.file = value;
  };
  const help = () => { opts.help = true; };
  /** @type {import('./args.js').FlagHandler} */
  const filename = (value) => setFile(value());
  /** @type {import('./args.js').FlagHandler} */
  const output = (value) => { opts.output = choice('--output', value(), /** @type {const} */ (['text', 'json', 'yaml'])); };
  /** @type {import('./args.js').FlagHandler} */
  const authFile = (value) => { opts.authFile = value(); };
  /** @type {import('./args.js').FlagHandler} */
  const namespace = (value) => { opts.namespace = value(); };
  parseArgs(args, {
    command: 'supply-chain',
    inlineShort: /^-[fno]./,
    operand: setFile,
    flags: {
      '-h': help,
      '--help': help,
      '-f': filename,
      '--filename': filename,
      '-o': output,
      '--output': output,
      '--key': (value) => { opts.keys.push(value()); },
      '--policy': (value) => { opts.policies.push(value()); },
      '--auth-file': authFile,
      '--authfile': authFile,
      '--no-creds': () => { opts.noCreds = true; },
      // The values go to the core as they are; it checks them (a refusal names the flag).
      '--concurrency': (value, flag) => { lib.concurrency = Number(raw[flag] = value()); },
      '--timeout': (value, flag) => {
        const v = raw[flag] = value();
        if (v.trim() !== '' && Number(v) === 0) opts.noRequestTimeout = true;
        else lib.requestTimeout = milliseconds(v);
      },
      '--lookup-timeout': (value, flag) => { lib.timeout = milliseconds(raw[flag] = value()); },
      '--max-requests': (value, flag) => { lib.maxRequestsPerSubject = Number(raw[flag] = value()); },
      '--proxy': (value) => {
        const v = value();
        if (!/^https?:\/\/./.test(v)) throw invalid('--proxy', v, 'an http:// or https:// URL prefix');
        lib.proxyPrefix = v;
      },
      '--platform': (value, flag) => { opts.platform = raw[flag] = value(); },
      '-n': namespace,
      '--namespace': namespace,
    },
  });
  return opts;
}

/**
 * @param {readonly string[]} args
 * @returns {Promise<number>} the exit status
 */
export async function supplyCommand(args) {
  const opts = parseSupplyArgs(args);
  if (opts.help) {
    out(supplyHelp((await load({ schemas: false })).options('supplyChain')));
    return 0;
  }
  if (opts.file === undefined) {
    if (process.stdin.isTTY) throw new UsageError('supply-chain needs an ImageStreamImport: -f FILE, or - for standard input');
    opts.file = '-';
  }
  if (opts.noCreds && opts.authFile !== undefined) throw new UsageError('--no-creds and --authfile exclude each other');
  const input = await readOrFail(opts.file);
  if (input === null) return 2;
  const texts = await readTexts(opts);
  if (texts === null) return 2;
  const credentials = await credentialsOf(opts);
  if (credentials === null) return 2;

  const isi = await load({ schemas: false });
  const lib = /** @type {import('../lib/api.js').SupplyChainOptions} */ ({
    ...opts.lib, keys: texts.keys, policies: texts.policies, ...(credentials !== undefined ? { credentials } : {}),
  });
  // No limit of the request's own: the lookup's deadline bounds it.
  if (opts.noRequestTimeout) lib.requestTimeout = isi.options('supplyChain', { timeout: lib.timeout }).timeout;
  if (!await usable(isi, opts, texts)) return 2;

  const cancel = cancelOnInterrupt();
  try {
    const answer = await answerOf(isi, input, opts, lib, cancel.signal);
    if (typeof answer === 'number') return answer;
    const bar = progressBar(process.stderr, supplyCounts);
    let result;
    try {
      result = await isi.supplyChain(answer, { ...lib, signal: cancel.signal, ...(bar ? { onProgress: bar.update } : {}) });
    } catch (err) {
      return refused(err, opts);
    } finally {
      bar?.clear();
    }
    await print(result, opts, texts);
    if (cancel.signal.aborted) return 130;
    return result.subjects.some((s) => s.policy?.decision === 'deny') ? 1 : 0;
  } finally {
    cancel.stop();
  }
}

/**
 * The --key and --policy files as text, or null when one cannot be read (the message printed).
 * @param {SupplyFlags} opts
 * @returns {Promise<{keys: string[], policies: string[]} | null>}
 */
async function readTexts(opts) {
  const decoder = new TextDecoder();
  /** @type {{keys: string[], policies: string[]}} */
  const texts = { keys: [], policies: [] };
  for (const [flag, files, into] of /** @type {const} */ ([['--key', opts.keys, texts.keys], ['--policy', opts.policies, texts.policies]])) {
    for (const file of files) {
      const bytes = await readOrFail(file, flag);
      if (bytes === null) return null;
      into.push(decoder.decode(bytes));
    }
  }
  return texts;
}

/**
 * Whether every key and policy file can be used, each checked on its own (against an answer with
 * no image, so nothing is fetched) to name the file the core refuses; the refusal is printed.
 * @param {import('../lib/api.js').Isimport} isi
 * @param {SupplyFlags} opts
 * @param {{keys: string[], policies: string[]}} texts
 */
async function usable(isi, opts, texts) {
  const checks = [
    ...texts.keys.map((key, i) => ({ flag: '--key', file: opts.keys[i], options: { keys: [key] }, prefix: 'isimport: keys[0]: ' })),
    ...texts.policies.map((policy, i) => ({ flag: '--policy', file: opts.policies[i], options: { policies: [policy] }, prefix: 'isimport: policies[0]: ' })),
  ];
  for (const { flag, file, options, prefix } of checks) {
    try {
      await isi.supplyChain(EMPTY_ANSWER, options);
    } catch (err) {
      const e = /** @type {Error & {status?: import('../lib/api.js').Status}} */ (err);
      if (e.status) process.stderr.write(statusLines(`${flag} ${file}`, e.status));
      else process.stderr.write(`isimport: ${flag} ${file}: ${e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message}\n`);
      return false;
    }
  }
  return true;
}

/**
 * The answer to look at: FILE as it is when it has a status, else the answer of importing it; or
 * the exit status when the import is refused or cancelled (its message printed).
 * @param {import('../lib/api.js').Isimport} isi
 * @param {Uint8Array} input
 * @param {SupplyFlags} opts
 * @param {import('../lib/api.js').SupplyChainOptions} lib
 * @param {AbortSignal} signal
 * @returns {Promise<string | number>} the answer as JSON, or an exit status
 */
async function answerOf(isi, input, opts, lib, signal) {
  // Read as kubectl reads it; what cannot be read is left to importPreview() to refuse, in its words.
  const read = readOneObject(input, 'ImageStreamImport');
  const json = 'json' in read ? read.json : undefined;
  const status = json === undefined ? undefined : /** @type {{status?: {images?: unknown, repository?: unknown}}} */ (JSON.parse(json) ?? {}).status;
  if (json !== undefined && status && (status.images || status.repository)) {
    if (opts.namespace !== undefined || opts.platform !== undefined) throw new UsageError('-n and --platform apply to a spec; this input is an answer (it has a status), read as it is');
    return json;
  }
  const bar = progressBar(process.stderr, importCounts);
  /** @type {import('../lib/api.js').ImportPreviewOptions} */
  const importOptions = {
    concurrency: lib.concurrency, requestTimeout: lib.requestTimeout, proxyPrefix: lib.proxyPrefix, credentials: lib.credentials,
    platform: opts.platform, namespace: opts.namespace, signal, ...(bar ? { onProgress: bar.update } : {}),
  };
  let answer;
  try {
    answer = await isi.importPreview(input, importOptions);
  } catch (err) {
    return refused(err, opts);
  } finally {
    bar?.clear();
  }
  const name = opts.file === '-' ? STDIN : /** @type {string} */ (opts.file);
  if (answer.kind === 'Status') {
    const refusal = isi.validate(input, opts.namespace !== undefined ? { namespace: opts.namespace } : {});
    process.stderr.write(reportImport(answer, { input: name, refusal }));
    return 2;
  }
  if (signal.aborted) {
    process.stderr.write('isimport: cancelled while importing\n');
    return 130;
  }
  // The images that did not import have nothing to look at: say so, as `isimport import` would.
  const failures = reportImport(answer, { input: name }).split('\n').filter((l) => l.startsWith('error:'));
  if (failures.length) process.stderr.write(`${failures.join('\n')}\n`);
  return JSON.stringify(answer);
}

/**
 * A call's refusal: the flag's usage error (thrown), else the message printed; the exit status.
 * @param {unknown} err
 * @param {SupplyFlags} opts
 */
function refused(err, opts) {
  const usage = optionsError(err, OPTION_FLAGS, opts.raw);
  if (usage) throw usage;
  const e = /** @type {Error & {status?: import('../lib/api.js').Status}} */ (err);
  if (e?.status) {
    process.stderr.write(statusLines('--policy', e.status));
    return 2;
  }
  if (err instanceof TypeError && /^isimport: /.test(err.message)) {
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
  throw err;
}

/**
 * A Status refusing a policy: what refused it, then each cause at its field path (the message
 * alone when it has none).
 * @param {string} what
 * @param {import('../lib/api.js').Status} status
 */
function statusLines(what, status) {
  const d = status.details;
  const object = d?.kind ? ` ${d.kind}${d.name ? ` ${JSON.stringify(d.name)}` : ''}` : '';
  const lines = [`isimport: ${what}: the API server would refuse${object}: ${status.code ?? ''} ${status.reason ?? ''}`.trimEnd()];
  const causes = d?.causes ?? [];
  if (causes.length) for (const c of causes) lines.push(`  ${c.field ? `${c.field}: ` : ''}${c.message ?? ''}`);
  else lines.push(`  ${status.message}`);
  return `${lines.join('\n')}\n`;
}

/**
 * @param {import('../lib/api.js').SupplyChain} result
 * @param {SupplyFlags} opts
 * @param {{keys: string[], policies: string[]}} texts
 */
async function print(result, opts, texts) {
  if (opts.output !== 'text') {
    // The YAML writer only when asked for: it is the slowest module to start.
    out(opts.output === 'json'
      ? `${JSON.stringify(result, null, 2)}\n`
      : (await import('yaml')).stringify(result, { version: '1.1', lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false }));
    // A CI log then still says, in words, why the exit status is 1.
    for (const s of result.subjects) if (s.policy?.decision === 'deny') process.stderr.write(`isimport: denied: ${s.repository}@${s.digest}: ${s.policy.reason}\n`);
    return;
  }
  /** @type {Map<string, string>} */
  const keyNames = new Map();
  texts.keys.forEach((pem, i) => {
    const fingerprint = keyFingerprint(pem);
    if (fingerprint && !keyNames.has(fingerprint)) keyNames.set(fingerprint, opts.keys[i]);
  });
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  out(reportSupplyChain(result, { keyNames, policies: texts.policies.length > 0, colour }));
}

/** @param {import('../lib/api.js').ImportProgress} p */
const importCounts = (p) => ({ done: p.requestsDone, known: p.requestsKnown, units: `${p.imagesDone}/${p.imagesTotal} images imported`, finished: p.imagesDone === p.imagesTotal });
/** @param {import('../lib/api.js').SupplyProgress} p */
const supplyCounts = (p) => ({ done: p.requestsDone, known: p.requestsKnown, units: `${p.subjectsDone}/${p.subjectsTotal} images looked at`, finished: p.subjectsDone === p.subjectsTotal });
