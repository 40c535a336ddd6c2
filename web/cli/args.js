// The flag parser both subcommands use, and the checks their flag values share. A UsageError is
// printed by isimport.js with a pointer to --help, and exits with status 2.

export class UsageError extends Error {}

/**
 * A flag's handler: `value()` gives the flag's value (consuming the next argument when it is not
 * inline); `flag` the spelling used.
 * @typedef {(value: () => string, flag: string) => void} FlagHandler
 */

// Parses args in order: `--` ends the flags, `-` and anything not starting with - is an operand
// (given to operand()), `--flag=value` carries its value inline, as do the short flags matched by
// inlineShort (-ojson, -o=json). flags maps each spelling to handler(value, flag); a handler that
// takes a value calls value(), which returns the inline value or consumes the next argument.
/**
 * @param {readonly string[]} args
 * @param {{command: string, inlineShort: RegExp, flags: Record<string, FlagHandler>, operand: (arg: string) => void}} spec
 */
export function parseArgs(args, { command, inlineShort, flags, operand }) {
  let onlyOperands = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyOperands || arg === '-' || !arg.startsWith('-')) {
      operand(arg);
      continue;
    }
    if (arg === '--') { onlyOperands = true; continue; }
    let flag = arg;
    /** @type {string | undefined} */
    let inline;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq !== -1) {
      flag = arg.slice(0, eq);
      inline = arg.slice(eq + 1);
    } else if (inlineShort.test(arg)) {
      flag = arg.slice(0, 2);
      inline = arg[2] === '=' ? arg.slice(3) : arg.slice(2);
    }
    if (!Object.hasOwn(flags, flag)) throw new UsageError(`unknown flag ${JSON.stringify(flag)} for "${command}"`);
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= args.length) throw new UsageError(`flag ${flag} needs a value`);
      return args[++i];
    };
    flags[flag](value, flag);
  }
}

/**
 * @param {string} name
 * @param {string} value
 * @param {string} must
 */
export function invalid(name, value, must) {
  return new UsageError(`invalid value ${JSON.stringify(value)} for ${name}: must be ${must}`);
}

/**
 * The core's refusal of an option a flag set, as the flag's own usage error (null for any other
 * error). `raw`: each flag's value as given; the timeouts are seconds, the core's milliseconds.
 * @param {unknown} err
 * @param {Record<string, string>} flags the flag of each option
 * @param {Record<string, string>} raw
 * @returns {UsageError | null}
 */
export function optionsError(err, flags, raw) {
  const { option, expected } = /** @type {import('../lib/api.js').OptionsError} */ (err ?? {});
  if (!(err instanceof TypeError) || option === undefined || expected === undefined) return null;
  const flag = flags[option];
  const value = flag === undefined ? undefined : raw[flag];
  if (flag === undefined || value === undefined) return null;
  const unit = flag.endsWith('timeout') ? ' (seconds, × 1000)' : '';
  return invalid(`${flag}${unit}`, value, expected);
}

// One of choices ("must be a, b or c"); with ignoreCase, the choice as spelled in choices.
/**
 * @template {string} T
 * @param {string} name
 * @param {string} value
 * @param {readonly T[]} choices
 * @param {{ignoreCase?: boolean}} [options]
 * @returns {T}
 */
export function choice(name, value, choices, { ignoreCase = false } = {}) {
  const found = ignoreCase ? choices.find((c) => c.toLowerCase() === value.toLowerCase()) : choices.find((c) => c === value);
  if (found === undefined) throw invalid(name, value, `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`);
  return found;
}

/**
 * @param {string} value
 * @returns {import('../lib/api.js').FieldValidation}
 */
export const fieldValidation = (value) => choice('--field-validation', value, /** @type {const} */ (['Strict', 'Warn', 'Ignore']), { ignoreCase: true });

/**
 * @param {string} name
 * @param {string} value
 * @param {number} min
 * @param {number} max
 */
export function integer(name, value, min, max) {
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) throw invalid(name, value, `an integer from ${min} to ${max}`);
  return Number(value);
}

// Seconds (fractions allowed) as whole milliseconds, at least 1.
/**
 * @param {string} name
 * @param {string} value
 */
export function seconds(name, value) {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 3600) throw invalid(name, value, 'a number of seconds more than 0 and at most 3600');
  return Math.max(1, Math.round(n * 1000));
}

// A comma-separated list of kinds, as kubeconform's -kinds and -skip: `Kind` or `apiVersion/Kind`
// (Deployment, apps/v1/Deployment, v1/Service).
/**
 * @param {string} name
 * @param {string} value
 * @returns {string[]}
 */
export function kindList(name, value) {

  const kinds = value.split(',').map((k) => k.trim()).filter(Boolean);
  const shape = /^(?:(?:[a-z0-9.-]+\/)?v[0-9][a-z0-9]*\/)?[A-Za-z][A-Za-z0-9]*$/;
  const bad = kinds.find((k) => !shape.test(k));
  if (kinds.length === 0 || bad !== undefined) throw invalid(name, bad ?? value, 'a comma-separated list of Kind or apiVersion/Kind, e.g. Deployment,apps/v1/StatefulSet');
  return kinds;
}
