// `isimport import`: performs the import against the registries and prints the ImageStreamImport
// the server would answer. Resolves to the exit status: 0 accepted (per-image failures live in the
// per-image status), 1 refused (the Status is printed), 2 an input could not be read.

import { load } from '../lib/isimport.js';
import { UsageError, choice, fieldValidation, invalid, optionsError, parseArgs } from './args.js';
import { STDIN, out } from './io.js';
import { cancelOnInterrupt, credentialsOf, progressBar, readOrFail } from './run-support.js';
import { reportImport } from './import-report.js';

// The library option each flag sets, for naming the flag when the core refuses its value.
/** @type {Record<string, string>} */
const OPTION_FLAGS = {
  concurrency: '--concurrency', requestTimeout: '--timeout', importTimeout: '--import-timeout',
  platform: '--platform', maxTagsPerRepository: '--max-tags', now: '--now',
};

/**
 * Seconds (fractions allowed) as milliseconds; text that is no number is passed on as it is, for
 * the core to refuse.
 * @param {string} value
 * @returns {number | string}
 */
const milliseconds = (value) => (value.trim() === '' || Number.isNaN(Number(value)) ? value : Number(value) * 1000);

/**
 * The help text, its defaults the core's (docs/options.md).
 * @param {import('../lib/api.js').ImportOptionsDecoded} defaults
 */
export const importHelp = (defaults) => `Usage: isimport import [flags] [-f FILE|-]

Performs the import the OpenShift API server would perform for 'oc create -f FILE' of an
ImageStreamImport, against the real registries, and prints the answer: the ImageStreamImport with
its status (status.images, status.repository and, with spec.import: true, status.import, the
ImageStream as it would be after the import). Nothing is written anywhere.

Input: one ImageStreamImport, JSON or YAML, from FILE or standard input (-f -, or no -f when
standard input is not a terminal).

Flags:
  -f, --filename FILE|-   the ImageStreamImport to import
  -o, --output json|yaml  the answer as pretty JSON (the default) or YAML
  --authfile FILE         registry credentials (also --auth-file): a docker config.json or podman
                          auth.json, or a kubernetes.io/dockerconfigjson Secret (JSON or YAML, as
                          'oc get secret NAME -o yaml' prints it). Without it, credentials are
                          looked up where podman and skopeo keep them: \$REGISTRY_AUTH_FILE alone
                          if set, else \$XDG_RUNTIME_DIR/containers/auth.json,
                          ~/.config/containers/auth.json, ~/.docker/config.json (\$DOCKER_CONFIG),
                          ~/.dockercfg; the first file with an entry for a registry wins
  --no-creds              use no credentials at all (no look-up)
  --current FILE          the ImageStream as it is now (e.g. 'oc get is NAME -o yaml'); with
                          spec.import: true, status.import is computed against it (default: a new
                          ImageStream)
  --concurrency N         requests in flight at once (default ${defaults.concurrency})
  --timeout S             seconds allowed per registry request (default ${defaults.requestTimeout / 1000}; 0: no limit of its
                          own, as Go's http.Client, the import's still applies)
  --import-timeout S      seconds allowed for the whole import (default ${defaults.importTimeout / 1000}, more than 0);
                          requests still running then end as per-image failures
  --platform OS/ARCH      the control plane's platform, used to pick one image of a manifest list
                          in Legacy mode (default linux/amd64)
  --max-tags N            tags imported per spec.repository (default ${defaults.maxTagsPerRepository}, as upstream; -1: all)
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

The answer goes to standard output. Standard error tells a person what happened, as
'oc import-image' does: a line per image or repository that failed (reason and message), the tags
the repository had beyond the cap, notes (such as a list with no entry for --platform, where
upstream silently takes another), and a one-line summary; for a refused request, each cause with
its line and column. While it runs, a progress bar is shown there when it is a terminal. Ctrl-C
cancels the requests still running (they end as per-image failures), prints the answer and exits
with 130; a second Ctrl-C exits at once.

Exit status: 0 the import was accepted (per-image failures such as NotFound or Unauthorized live in
status.images[].status and status.repository.status); 1 the server would refuse the request (the
Status is printed, e.g. 422 Invalid with status.details.causes); 2 usage error, or an input or
--authfile/--current file that cannot be read; 130 cancelled with Ctrl-C.
`;

/**
 * importPreview()'s options as the flags set them: a timeout that is no number stays text, for the
 * core to refuse with the rest.
 * @typedef {Omit<import('../lib/api.js').ImportPreviewOptions, 'requestTimeout' | 'importTimeout'>
 *   & {requestTimeout?: number | string, importTimeout?: number | string}} ImportLib
 */

/**
 * The flags: `lib` the options for importPreview(); the rest the command's own.
 * @typedef {object} ImportFlags
 * @property {'json' | 'yaml'} output
 * @property {string | undefined} file
 * @property {boolean} help
 * @property {ImportLib} lib
 * @property {Record<string, string>} raw each flag's value as given (for a refusal's message)
 * @property {string} [authFile]
 * @property {boolean} [noCreds]
 * @property {string} [currentFile]
 * @property {boolean} [noRequestTimeout]
 */

/**
 * @param {readonly string[]} args
 * @returns {ImportFlags}
 */
function parseImportArgs(args) {
  /** @type {ImportFlags} */
  const opts = { output: 'json', file: undefined, help: false, lib: {}, raw: {} };
  const lib = opts.lib;
  /**
   * A flag's value for the core, kept as given for a refusal's message.
   * @template T
   * @param {string} flag
   * @param {string} value
   * @param {(value: string) => T} convert
   */
  const given = (flag, value, convert) => {
    opts.raw[flag] = value;
    return convert(value);
  };
  /** @param {string} value */
  const setFile = (value) => {
    if (opts.file !== undefined) throw new UsageError('import takes one input (-f FILE or -)');
    opts.file = value;
  };
  const help = () => { opts.help = true; };
  /** @type {import('./args.js').FlagHandler} */
  const filename = (value) => setFile(value());
  /** @type {import('./args.js').FlagHandler} */
  const output = (value) => { opts.output = choice('--output', value(), /** @type {const} */ (['json', 'yaml'])); };
  /** @type {import('./args.js').FlagHandler} */
  const namespace = (value) => { lib.namespace = value(); };
  parseArgs(args, {
    command: 'import',
    inlineShort: /^-[fno]./, // -ojson, -o=yaml, -fspec.yaml
    operand: setFile,
    flags: {
      '-h': help,
      '--help': help,
      '-f': filename,
      '--filename': filename,
      '-o': output,
      '--output': output,
      '--auth-file': (value) => { opts.authFile = value(); },
      '--authfile': (value) => { opts.authFile = value(); },
      '--no-creds': () => { opts.noCreds = true; },
      '--current': (value) => { opts.currentFile = value(); },
      // The values go to the core as they are; it checks them (a refusal names the flag).
      '--concurrency': (value, flag) => { lib.concurrency = given(flag, value(), Number); },
      '--timeout': (value, flag) => {
        const v = value();
        if (v.trim() !== '' && Number(v) === 0) opts.noRequestTimeout = true;
        else lib.requestTimeout = given(flag, v, milliseconds);
      },
      '--import-timeout': (value, flag) => { lib.importTimeout = given(flag, value(), milliseconds); },
      '--platform': (value, flag) => { lib.platform = given(flag, value(), String); },
      '--max-tags': (value, flag) => { lib.maxTagsPerRepository = given(flag, value(), Number); },
      '-n': namespace,
      '--namespace': namespace,
      '--field-validation': (value) => { lib.fieldValidation = fieldValidation(value()); },
      '--proxy': (value) => {
        const v = value();
        if (!/^https?:\/\/./.test(v)) throw invalid('--proxy', v, 'an http:// or https:// URL prefix');
        lib.proxyPrefix = v;
      },
      '--now': (value, flag) => { lib.now = given(flag, value(), String); },
    },
  });
  return opts;
}

/**
 * @param {readonly string[]} args
 * @returns {Promise<number>} the exit status
 */
export async function importCommand(args) {
  const opts = parseImportArgs(args);
  if (opts.help) {
    out(importHelp((await load({ schemas: false })).options('importPreview')));
    return 0;
  }
  if (opts.file === undefined) {
    if (process.stdin.isTTY) throw new UsageError('import needs an ImageStreamImport: -f FILE, or - for standard input');
    opts.file = '-';
  }
  const spec = await readOrFail(opts.file);
  if (spec === null) return 2;
  const lib = { ...opts.lib };
  if (opts.noCreds && opts.authFile !== undefined) throw new UsageError('--no-creds and --authfile exclude each other');
  const credentials = await credentialsOf(opts);
  if (credentials === null) return 2;
  if (credentials !== undefined) lib.credentials = credentials;
  if (opts.currentFile !== undefined) {
    const bytes = await readOrFail(opts.currentFile, '--current');
    if (bytes === null) return 2;
    lib.currentImageStream = bytes;
  }

  const isi = await load({ schemas: false });
  // No limit of the request's own: the import's deadline bounds it.
  if (opts.noRequestTimeout) lib.requestTimeout = lib.importTimeout ?? isi.options('importPreview').importTimeout;
  const cancel = cancelOnInterrupt();
  lib.signal = cancel.signal;
  const bar = progressBar(process.stderr, importCounts);
  if (bar) lib.onProgress = bar.update;
  /** @type {Array<{field: string, message: string}>} */
  const notices = [];
  lib.onNotice = (n) => notices.push(n);

  let answer;
  try {
    // As the flags gave them: the core checks every value (a refusal names the flag, below).
    answer = await isi.importPreview(spec, /** @type {import('../lib/api.js').ImportPreviewOptions} */ (lib));
  } catch (err) {
    bar?.clear();
    const usage = optionsError(err, OPTION_FLAGS, opts.raw);
    if (usage) throw usage;
    if (err instanceof TypeError && /^isimport: /.test(err.message)) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    bar?.clear();
    cancel.stop();
  }
  // The YAML writer only when asked for: it is the slowest module to start.
  out(opts.output === 'yaml'
    ? (await import('yaml')).stringify(answer, { version: '1.1', lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false })
    : `${JSON.stringify(answer, null, 2)}\n`);
  const input = opts.file === '-' ? STDIN : opts.file;
  const refusal = answer?.kind === 'Status'
    ? isi.validate(spec, { ...(lib.fieldValidation !== undefined ? { fieldValidation: lib.fieldValidation } : {}), ...(lib.namespace !== undefined ? { namespace: lib.namespace } : {}) })
    : null;
  const maxTags = isi.options('importPreview', { maxTagsPerRepository: lib.maxTagsPerRepository }).maxTagsPerRepository;
  process.stderr.write(reportImport(answer, { input, notices, refusal, maxTags, cancelled: cancel.signal.aborted }));
  if (cancel.signal.aborted) return 130;
  return answer?.kind === 'Status' ? 1 : 0;
}

/** @param {import('../lib/api.js').ImportProgress} p */
const importCounts = (p) => ({ done: p.requestsDone, known: p.requestsKnown, units: `${p.imagesDone}/${p.imagesTotal} images`, finished: p.imagesDone === p.imagesTotal });
