// The flag parser both subcommands use, and the checks their flag values share. A UsageError is
// printed by isimport.js with a pointer to --help, and exits with status 2.

export class UsageError extends Error {}

// Parses args in order: `--` ends the flags, `-` and anything not starting with - is an operand
// (given to operand()), `--flag=value` carries its value inline, as do the short flags matched by
// inlineShort (-ojson, -o=json). flags maps each spelling to handler(value, flag); a handler that
// takes a value calls value(), which returns the inline value or consumes the next argument.
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

export function invalid(name, value, must) {
  return new UsageError(`invalid value ${JSON.stringify(value)} for ${name}: must be ${must}`);
}

// One of choices ("must be a, b or c"); with ignoreCase, the choice as spelled in choices.
export function choice(name, value, choices, { ignoreCase = false } = {}) {
  const found = ignoreCase ? choices.find((c) => c.toLowerCase() === value.toLowerCase()) : choices.find((c) => c === value);
  if (found === undefined) throw invalid(name, value, `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`);
  return found;
}

export const fieldValidation = (value) => choice('--field-validation', value, ['Strict', 'Warn', 'Ignore'], { ignoreCase: true });

export function integer(name, value, min, max) {
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) throw invalid(name, value, `an integer from ${min} to ${max}`);
  return Number(value);
}

// Seconds (fractions allowed) as whole milliseconds, at least 1.
export function seconds(name, value) {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 3600) throw invalid(name, value, 'a number of seconds more than 0 and at most 3600');
  return Math.max(1, Math.round(n * 1000));
}

// A comma-separated list of kinds, as kubeconform's -kinds and -skip: `Kind` or `apiVersion/Kind`
// (Deployment, apps/v1/Deployment, v1/Service).
export function kindList(name, value) {
  const kinds = value.split(',').map((k) => k.trim()).filter(Boolean);
  const shape = /^(?:(?:[a-z0-9.-]+\/)?v[0-9][a-z0-9]*\/)?[A-Za-z][A-Za-z0-9]*$/;
  const bad = kinds.find((k) => !shape.test(k));
  if (kinds.length === 0 || bad !== undefined) throw invalid(name, bad ?? value, 'a comma-separated list of Kind or apiVersion/Kind, e.g. Deployment,apps/v1/StatefulSet');
  return kinds;
}
