// The reports of `isimport validate`: text, json and junit. Each has document(path, result,
// seconds) for every validated document, unreadable(path, message) for an input that could not be
// read, and end() once all are in.

import { out } from './io.js';

const sourceOf = (path, result) => `${path}#${result.source}`;

function located(path, d) {
  const where = d.line !== undefined ? `${path}:${d.line}:${d.column}` : path;
  return `${where}: ${d.message}${d.hint ? `; ${d.hint}` : ''}`;
}

function hintsOf(result) {
  return result.diagnostics.filter((d) => d.hint).map((d) => `${d.message}; ${d.hint}`);
}

export function textReport() {
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

export function jsonReport() {
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

export function junitReport() {
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
