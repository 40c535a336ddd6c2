// The reports of `isimport validate`: text, json, yaml, junit and tap. Each is made with
// {quiet, yaml} (yaml: the `yaml` module, which the yaml and tap reports write with) and has document(path, result, seconds) for every object, unreadable(path, message) for
// an input that could not be read, and end(summary) once all are in (summary: the counts, when
// --summary asked for them, else null).

import { out } from './io.js';

/**
 * What the reports read of a result: validateAll()'s (without its lazy `object`, which they never
 * show), or the command's own for an input that holds no object (which has no kind).
 * @typedef {Omit<import('../lib/api.js').ValidateAllResult, 'kind' | 'object'> & {kind?: string}} ReportedResult
 */

/**
 * The --summary counts.
 * @typedef {{objects: number, valid: number, invalid: number, skipped: number, errors: number, inputs: number}} Counts
 */

/**
 * What a report is made with: `yaml` the `yaml` module, loaded for the reports in WRITES_YAML.
 * @typedef {{quiet: boolean, yaml: typeof import('yaml') | null}} ReportOptions
 */

/**
 * @typedef {object} Report
 * @property {(path: string, result: ReportedResult, seconds: number) => void} document
 * @property {(path: string, message: string) => void} unreadable
 * @property {(summary: Counts | null) => void} end
 */

/** @typedef {import('../lib/api.js').Diagnostic} Diagnostic */

/**
 * `file#N`, or `file#N/items[i]` for a list's item.
 * @param {string} path
 * @param {{source: number, item: string}} result
 */
export const sourceOf = (path, result) => `${path}#${result.source}${result.item ? `/${result.item}` : ''}`;

/**
 * @param {string} path
 * @param {Diagnostic} d
 */
function located(path, d) {
  const where = d.line !== undefined ? `${path}:${d.line}:${d.column}` : path;
  return `${where}: ${d.message}${d.hint ? `; ${d.hint}` : ''}`;
}

/**
 * A result's errors, one indented line each, with file:line:column.
 * @param {string} path
 * @param {{diagnostics: Diagnostic[]}} result
 */
export const locatedLines = (path, result) => result.diagnostics.filter((d) => d.severity === 'error').map((d) => `  ${located(path, d)}`);

/** @param {{diagnostics: Diagnostic[]}} result */
const hintsOf = (result) => result.diagnostics.filter((d) => d.hint).map((d) => `${d.message}; ${d.hint}`);
/** @param {{diagnostics: Diagnostic[]}} result */
const errorsOf = (result) => result.diagnostics.filter((d) => d.severity === 'error');
/** @param {{diagnostics: Diagnostic[]}} result */
const warningsOf = (result) => result.diagnostics.filter((d) => d.severity === 'warning');

/**
 * The --summary line (kubeconform's shape).
 * @param {Counts} c
 */
export function summaryLine(c) {
  /**
   * @param {number} n
   * @param {string} one
   * @param {string} many
   */
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  return `Summary: ${plural(c.objects, 'object', 'objects')} found in ${plural(c.inputs, 'input', 'inputs')} - Valid: ${c.valid}, Invalid: ${c.invalid}, Errors: ${c.errors}, Skipped: ${c.skipped}`;
}

/**
 * @param {ReportOptions} options
 * @returns {Report}
 */
function textReport({ quiet }) {
  return {
    document(path, result) {
      if (result.skipped) {
        if (!quiet) out(`${sourceOf(path, result)}: skipped: ${result.reason}\n`);
        return;
      }
      if (quiet && result.valid) return;
      const lines = [`${sourceOf(path, result)}: ${result.valid ? 'valid' : oneLine(result.status?.message ?? 'invalid')}`, ...locatedLines(path, result)];
      for (const d of warningsOf(result)) {
        lines.push(`Warning: ${d.message}`);
        if (d.line !== undefined || d.hint) lines.push(`  ${located(path, d)}`);
      }
      out(`${lines.join('\n')}\n`);
    },
    unreadable() {}, // said on standard error by the command
    end(summary) {
      if (summary) out(`${summaryLine(summary)}\n`);
    },
  };
}

// A line of text output stays one line: line breaks inside a message (the server quotes the
// body's first bytes) are written as \n.
const oneLine = (/** @type {unknown} */ s) => String(s).replace(/\r?\n/g, '\\n');

// One entry of the json and yaml reports.
/**
 * @param {string} path
 * @param {ReportedResult} result
 * @returns {object}
 */
function entryOf(path, result) {
  const source = sourceOf(path, result);
  if (result.skipped) return { source, skipped: true, kind: result.kind, apiVersion: result.apiVersion, reason: result.reason };
  /** @type {{source: string, valid: boolean, causes: object[], positions: unknown[], hints: string[], diagnostics: Diagnostic[], warnings: string[], status?: object}} */
  const entry = {
    source,
    valid: result.valid,
    causes: result.causes.map((c) => ({ reason: c.reason, field: c.field, message: c.message })),
    positions: result.positions,
    hints: hintsOf(result),
    diagnostics: result.diagnostics,
    warnings: result.warnings,
  };
  if (!result.valid && result.status) entry.status = result.status;
  return entry;
}

/**
 * @param {(entries: object[], summary: Counts | null, options: ReportOptions) => string} render
 * @returns {(options: ReportOptions) => Report}
 */
function listReport(render) {
  return (options) => {
    /** @type {object[]} */
    const entries = [];
    return {
      document(path, result) { entries.push(entryOf(path, result)); },
      unreadable(path, message) { entries.push({ source: path, valid: false, error: message }); },
      end(summary) {
        out(render(entries, summary, options));
      },
    };
  };
}

// With --summary, json and yaml become {objects: [...], summary: {...}}; without, the bare list
// (the contract's shape).
/**
 * @param {object[]} entries
 * @param {Counts | null} summary
 */
const withSummary = (entries, summary) => (summary ? { objects: entries, summary } : entries);

// The reports that write YAML are made with the module (WRITES_YAML).
/** @param {ReportOptions['yaml']} yaml */
const yamlModule = (yaml) => {
  if (yaml === null) throw new Error('isimport: this report writes YAML: it is made with the yaml module');
  return yaml;
};

/** @returns {Report} */
function junitReport() {
  /** @typedef {{cases: string[], tests: number, failures: number, errors: number, skipped: number, time: number}} Suite */
  /** @type {Map<string, Suite>} */
  const suites = new Map(); // path → {cases: [xml], tests, failures, errors, skipped, time}
  /** @param {string} path */
  const suite = (path) => {
    let s = suites.get(path);
    if (s === undefined) suites.set(path, (s = { cases: [], tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 }));
    return s;
  };
  return {
    document(path, result, seconds) {
      const s = suite(path);
      s.tests++;
      s.time += seconds;
      const name = sourceOf(path, result);
      const head = `    <testcase classname="${xml(path)}" name="${xml(name)}" time="${seconds.toFixed(6)}"`;
      /** @type {string[]} */
      const inner = [];
      if (result.skipped) {
        s.skipped++;
        inner.push(`      <skipped message="${xml(result.reason)}"/>`);
      } else if (!result.valid) {
        s.failures++;
        const body = errorsOf(result).map((d) => located(path, d));
        inner.push(`      <failure message="${xml(result.status?.message ?? 'invalid')}" type="${xml(result.status?.reason ?? 'Invalid')}">${xml(body.join('\n'), false)}</failure>`);
      }
      const warnings = warningsOf(result).map((d) => `Warning: ${located(path, d)}`);
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
      const total = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
      /** @type {string[]} */
      const body = [];
      for (const [path, s] of suites) {
        for (const k of /** @type {Array<keyof typeof total>} */ (Object.keys(total))) total[k] += s[k];
        body.push(`  <testsuite name="${xml(path)}" tests="${s.tests}" failures="${s.failures}" errors="${s.errors}" skipped="${s.skipped}" time="${s.time.toFixed(6)}">`);
        body.push(...s.cases);
        body.push('  </testsuite>');
      }
      out([
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="isimport validate" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="${total.time.toFixed(6)}">`,
        ...body,
        '</testsuites>',
        '',
      ].join('\n'));
    },
  };
}

// TAP 13: a test point per object (and per unreadable input), problems as a YAML block.
/**
 * @param {ReportOptions} options
 * @returns {Report}
 */
function tapReport({ quiet, yaml }) {
  /** @type {Array<{ok: boolean, description: string, directive?: string, details?: object}>} */
  const points = [];
  /**
   * @param {boolean} ok
   * @param {string} description
   * @param {string} [directive]
   * @param {object} [details]
   */
  const point = (ok, description, directive, details) => {
    points.push({ ok, description, directive, details });
  };
  return {
    document(path, result) {
      const name = sourceOf(path, result);
      if (result.skipped) return point(true, name, `SKIP ${result.reason}`);
      if (result.valid) return point(true, name);
      point(false, name, '', {
        message: result.status?.message ?? 'invalid',
        severity: 'fail',
        errors: errorsOf(result).map((d) => located(path, d)),
      });
    },
    unreadable(path, message) {
      point(false, path, '', { message, severity: 'error' });
    },
    end(summary) {
      const lines = ['TAP version 13', `1..${points.length}`];
      points.forEach((p, i) => {
        if (quiet && p.ok) return;
        lines.push(`${p.ok ? 'ok' : 'not ok'} ${i + 1} - ${tapText(p.description)}${p.directive ? ` # ${tapText(p.directive)}` : ''}`);
        if (p.details) {
          const block = yamlModule(yaml).stringify(p.details, { lineWidth: 0 }).trimEnd().split('\n').map((l) => `  ${l}`);
          lines.push('  ---', ...block, '  ...');
        }
      });
      if (summary) lines.push(`# ${summaryLine(summary)}`);
      out(`${lines.join('\n')}\n`);
    },
  };
}

// A TAP description or directive is one line, and `#` would start a directive.
const tapText = (/** @type {unknown} */ s) => String(s).replace(/[\r\n]+/g, ' ').replace(/#/g, '\\#');

/** @type {Record<'text' | 'json' | 'yaml' | 'junit' | 'tap', (options: ReportOptions) => Report>} */
export const REPORTS = {
  text: textReport,
  json: listReport((entries, summary) => `${JSON.stringify(withSummary(entries, summary), null, 2)}\n`),
  yaml: listReport((entries, summary, { yaml }) => yamlModule(yaml).stringify(withSummary(entries, summary), { lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false })),
  junit: junitReport,
  tap: tapReport,
};

// XML 1.0 text and attribute values: markup escaped, characters XML cannot hold (C0 controls but
// tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) written as \uXXXX, line breaks kept as references.
/**
 * @param {unknown} s
 * @param {boolean} [attribute]
 */
function xml(s, attribute = true) {
  return String(s)
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(attribute ? /[&<>"'\t\n\r]/g : /[&<>\r]/g,
      (c) => (/** @type {Record<string, string>} */ ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' }))[c]);
}

/**
 * The reports that write YAML, and so need the `yaml` module.
 * @type {ReadonlySet<string>}
 */
export const WRITES_YAML = new Set(['yaml', 'tap']);
// The reports that show how long each object took (the others are given 0 and never read it).
export const SHOWS_TIME = new Set(['junit']);

