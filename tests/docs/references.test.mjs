// Every citation in the repository points inside it: the behaviour isimport reproduces is written
// down in docs/, and code and tests cite it by file and section number (docs/README.md, "Citing").
// Walks the tracked text files (git ls-files; binary files, docs/ itself and this file skipped) and
// fails, listing file:line, when a text
//   (a) names the design and spec documents that lived outside the repository,
//   (b) has a section sign with a number that is neither an RFC citation ("RFC 6750 §3.1") nor part
//       of a citation that starts with a docs/<file>.md path — directly before it, or earlier in
//       the same chain ("docs/import.md §3.9, §3.10 step 2, §3.12"),
//   (c) cites docs/<file>.md §N.N where the file does not exist or N.N is not one of its headings,
//       or names a docs/<file>.md that does not exist.
// Inside docs/, every section number used must be a heading of some file there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SELF = relative(ROOT, fileURLToPath(import.meta.url));
const SIGN = '\u00a7';

// (a) What pointed outside: the shared folder beside the checkout, its spec and its DESIGN.md.
const OUTSIDE = [
  { re: /\.\.\/shared\b/, what: 'a path to ../shared' },
  { re: /\/work\/shared\b/, what: 'a path to /work/shared' },
  { re: /shared\/spec\b/, what: 'the shared spec' },
  { re: new RegExp(`\\bspec ${SIGN}`, 'i'), what: `"spec ${SIGN}…" (cite docs/<file>.md ${SIGN}…)` },
  { re: /(?<![\w/.-])DESIGN\.md\b/, what: 'DESIGN.md (now docs/architecture.md)' },
];

const SECTION = new RegExp(`${SIGN}(\\d+(?:\\.\\d+)*)`, 'g');
const RFC_BEFORE = /RFC \d+ $/;
const PATH_BEFORE = /docs\/([\w.-]+\.md) $/;
// What may stand between two section numbers of one chain: separators, "and"/"or", "step 2",
// "steps 7–8", "rows", row ids ("B1–B22", "V31", "S12").
const CHAIN_GAP = /^(?:[\s,/–-]|and\b|or\b|steps?\s+\d+(?:[–-]\d+)?|rows?\b|[A-Z]{1,2}\d+[a-z]?(?:[–-][A-Z]{0,2}\d+[a-z]?)?)*$/;
const DOCS_PATH = /(?<![\w/.-])docs\/([\w.-]+\.md)\b/g;

/** The section numbers a Markdown text has as headings ("### 3.12 Unauthorized retry" → "3.12"). */
export function headings(markdown) {
  const numbers = new Set();
  for (const m of markdown.matchAll(/^#{1,6}[ \t]+(\d+(?:\.\d+)*)(?=[ \t]|$)/gm)) numbers.add(m[1]);
  return numbers;
}

/**
 * The section citations of one line: [{section, file, column}] where `file` is the docs file the
 * citation names (null for an RFC citation), or {section, problem} when it names none.
 */
export function citations(line) {
  const found = [];
  let chain = null; // {file, end}: the citation the next number may continue
  for (const m of line.matchAll(SECTION)) {
    const before = line.slice(0, m.index);
    const section = m[1];
    if (RFC_BEFORE.test(before)) {
      found.push({ section, file: null, column: m.index + 1 });
      chain = null;
      continue;
    }
    const direct = PATH_BEFORE.exec(before);
    if (direct) chain = { file: direct[1], end: 0 };
    else if (!(chain && CHAIN_GAP.test(line.slice(chain.end, m.index)))) chain = null;
    if (chain) {
      found.push({ section, file: chain.file, column: m.index + 1 });
      chain.end = m.index + m[0].length;
    } else {
      found.push({ section, problem: `${SIGN}${section} is not part of a docs/<file>.md citation`, column: m.index + 1 });
    }
  }
  return found;
}

function trackedTextFiles() {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const files = [];
  for (const path of out.split('\0')) {
    if (!path || path === SELF || path.startsWith('docs/')) continue;
    const full = join(ROOT, path);
    if (!existsSync(full)) continue; // deleted in the working tree
    const bytes = readFileSync(full);
    if (bytes.subarray(0, 8000).includes(0)) continue; // binary
    files.push({ path, text: bytes.toString('utf8') });
  }
  return files;
}

const DOCS_DIR = join(ROOT, 'docs');
const docsFiles = existsSync(DOCS_DIR) ? readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md')) : [];
const docs = new Map(docsFiles.map((f) => [f, readFileSync(join(DOCS_DIR, f), 'utf8')]));
const docsHeadings = new Map([...docs].map(([f, text]) => [f, headings(text)]));
const files = trackedTextFiles();

/** Each line of every scanned file with its number: [{where, line}]. */
function* lines() {
  for (const { path, text } of files) {
    const all = text.split('\n');
    for (let i = 0; i < all.length; i++) yield { where: `${path}:${i + 1}`, line: all[i] };
  }
}

const report = (problems) => `${problems.length} problem(s):\n${problems.join('\n')}`;

test('docs/ has the numbered sections code and tests cite', () => {
  for (const [file, numbers] of [['model.md', ['1.1', '1.19', '1.20']], ['validation.md', ['2.1', '2.8']],
    ['import.md', ['3.1', '3.12', '3.16']], ['limits.md', ['4']], ['acceptance.md', ['5.1', '5.5']],
    ['answers.md', ['6']], ['browser.md', ['7', '8', '8.16']]]) {
    for (const n of numbers) assert.ok(docsHeadings.get(file)?.has(n), `docs/${file} has no heading ${n}`);
  }
  assert.ok(files.length > 100, `only ${files.length} tracked text files found`);
});

test('(a) no text names a document outside the repository', () => {
  const problems = [];
  for (const { where, line } of lines()) {
    for (const { re, what } of OUTSIDE) if (re.test(line)) problems.push(`${where}: ${what}: ${line.trim()}`);
  }
  assert.deepEqual(problems, [], report(problems));
});

test(`(b) every ${SIGN} number is an RFC citation or part of a docs/<file>.md citation`, () => {
  const problems = [];
  for (const { where, line } of lines()) {
    for (const c of citations(line)) if (c.problem) problems.push(`${where}:${c.column}: ${c.problem}: ${line.trim()}`);
  }
  assert.deepEqual(problems, [], report(problems));
});

test('(c) every docs/<file>.md citation names an existing file and one of its headings', () => {
  const problems = [];
  for (const { where, line } of lines()) {
    for (const m of line.matchAll(DOCS_PATH)) {
      if (!docs.has(m[1])) problems.push(`${where}: docs/${m[1]} does not exist: ${line.trim()}`);
    }
    for (const c of citations(line)) {
      if (!c.file || !docs.has(c.file)) continue; // RFC, a problem of (b), or a missing file reported above
      if (!docsHeadings.get(c.file).has(c.section)) {
        problems.push(`${where}:${c.column}: docs/${c.file} has no heading ${c.section}: ${line.trim()}`);
      }
    }
  }
  assert.deepEqual(problems, [], report(problems));
});

test(`inside docs/, every ${SIGN} number is a heading of some docs file`, () => {
  const all = new Set([...docsHeadings.values()].flatMap((s) => [...s]));
  const problems = [];
  for (const [file, text] of docs) {
    text.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(SECTION)) {
        if (RFC_BEFORE.test(line.slice(0, m.index))) continue;
        if (!all.has(m[1])) problems.push(`docs/${file}:${i + 1}: ${SIGN}${m[1]} is no heading in docs/: ${line.trim()}`);
      }
    });
  }
  assert.deepEqual(problems, [], report(problems));
});

test('the citation reader: chains, RFCs and strays', () => {
  const S = SIGN;
  assert.deepEqual(citations(`(docs/import.md ${S}3.4 step 2, ${S}3.5, docs/browser.md ${S}7; x)`).map((c) => [c.section, c.file]),
    [['3.4', 'import.md'], ['3.5', 'import.md'], ['7', 'browser.md']]);
  assert.deepEqual(citations(`docs/acceptance.md ${S}5.4 B1–B22, ${S}5.5`).map((c) => c.file), ['acceptance.md', 'acceptance.md']);
  assert.deepEqual(citations(`RFC 3986 ${S}5.4 examples`).map((c) => c.file), [null]);
  assert.ok(citations(`as the spec says (${S}3.12)`)[0].problem);
  assert.ok(citations(`docs/import.md ${S}3.9 and then, later, ${S}3.10`)[1].problem);
  assert.deepEqual([...headings('# 3 Import\n### 3.12 Unauthorized retry\n#### not 4\n')], ['3', '3.12']);
});
