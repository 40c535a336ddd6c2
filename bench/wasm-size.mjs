// What the page and an embedding download: every .wasm and JavaScript file of dist/ (raw and
// gzip -9), each module's glue minified on its own (in dist/ the validation glue is inside the
// element's bundle), and the bars: the validation module ≤ 100 KB, the largest module ≤ 160 KB,
// each glue ≤ 10 KB, all gzip (KB = 1000 bytes).
//
//   node bench/wasm-size.mjs            (npm run bench runs it; needs `npm run build`)
//   node bench/wasm-size.mjs --profile  also where the bytes of each module go, by part of the
//                                       core (needs a build with -DISIMPORT_WASM_PROFILE=ON in
//                                       build/wasm-profile; see CMakeLists.txt)
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

import { beside } from './bars.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
export const BARS = { validation: 100_000, largest: 160_000, glue: 10_000 };

function distFiles() {
  const out = [];
  for (const dir of ['', 'assets/']) {
    for (const name of readdirSync(`${root}dist/${dir}`)) {
      if (!/\.(wasm|js)$/.test(name)) continue;
      const bytes = readFileSync(`${root}dist/${dir}${name}`);
      out.push({ file: `${dir}${name}`, raw: bytes.length, gzip: gz(bytes) });
    }
  }
  return out.sort((a, b) => b.gzip - a.gzip);
}

async function minifiedGlue() {
  let minifySync;
  try {
    ({ minifySync } = await import('rolldown/experimental'));
  } catch {
    return null; // the bundler's minifier is not there: sizes in dist/ only
  }
  return ['isimport_validation', 'isimport_import'].map((module) => {
    const source = readFileSync(`${root}web/lib/wasm/${module}.mjs`, 'utf8');
    const { code } = minifySync(`${module}.mjs`, source, { compress: true, mangle: true });
    return { module, raw: source.length, minified: code.length, gzip: gz(Buffer.from(code)) };
  });
}

// Code bytes per part of the core, from the function names a profiling build keeps.
const PARTS = [
  ['request decoding (json/text_decoder.h)', /TextDecoder|TextMemberMatcher|decodeObject|decodeAs/],
  ['registry JSON decoding (json/typed_decoder.h)', /TypedDecoder|MemberMatcher|gojson/],
  ['JSON writing (json/json_writer, typed_encoder)', /Writer|encodeValue|toJson|FieldWriter|appendEscaped/],
  ['validation/', /validat|Validat|FieldPath|FieldError|isQualifiedName|regexError|ErrorList|BadValue/],
  ['registry/', /Manifest|manifest|Registry|Auth|Token|Keyring|Credential|Url|url[A-Z]|Digest|digest|MediaType|Challenge|Transport|HttpRe|errorFromResponse|canonical|SHA|sodium/],
  ['import/', /Importer|ImportSession|RepositoryFetcher|buildImage|ImageConfig|readImageConfig|Stream|Tag|tag[A-Z]|Pass|ListChoice|Legacy|prioritize/],
  ['model/', /Reference|reference|Defaults|applyDefaults|Status|ObjectMeta|Image/],
  ['go/ and the JSON readers', /goQuote|goIsPrint|goParse|Rfc3339|base64|Base64|goDecodeRune|appendGoRune|goscan|json::/],
  ['libc, malloc, libc++', /malloc|free|memcpy|memset|memmove|strlen|memcmp|memchr|strtod|std::/],
];

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

// {function index: body size} and {function index: name} of a .wasm with a name section.
function functionsOf(bytes) {
  const sizes = new Map();
  const names = new Map();
  let imported = 0;
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    const end = at + size;
    if (id === 2) { // imports: count the functions among them
      let [count, p] = leb(bytes, at);
      for (let i = 0; i < count; i++) {
        let n;
        [n, p] = leb(bytes, p); p += n;
        [n, p] = leb(bytes, p); p += n;
        const kind = bytes[p++];
        if (kind === 0) { [, p] = leb(bytes, p); imported++; } else if (kind === 1) { p += 1; const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); } else if (kind === 2) { const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); } else p += 2;
      }
    } else if (id === 10) {
      let [count, p] = leb(bytes, at);
      for (let i = 0; i < count; i++) {
        let n;
        [n, p] = leb(bytes, p);
        sizes.set(imported + i, n);
        p += n;
      }
    } else if (id === 0) {
      let [n, p] = leb(bytes, at);
      const name = bytes.subarray(p, p + n).toString();
      p += n;
      if (name === 'name') {
        while (p < end) {
          const sub = bytes[p++];
          let len;
          [len, p] = leb(bytes, p);
          const subEnd = p + len;
          if (sub === 1) {
            let count;
            [count, p] = leb(bytes, p);
            for (let i = 0; i < count; i++) {
              let index;
              [index, p] = leb(bytes, p);
              [n, p] = leb(bytes, p);
              names.set(index, bytes.subarray(p, p + n).toString());
              p += n;
            }
          }
          p = subEnd;
        }
      }
    }
    at = end;
  }
  return { sizes, names };
}

export function profile(module) {
  const path = `${root}build/wasm-profile/modules/${module}.wasm`;
  if (!existsSync(path)) return null;
  const { sizes, names } = functionsOf(readFileSync(path));
  const parts = new Map();
  for (const [index, size] of sizes) {
    const name = (names.get(index) ?? '').replaceAll('isimport::', '');
    const part = PARTS.find(([, re]) => re.test(name))?.[0] ?? 'other';
    parts.set(part, (parts.get(part) ?? 0) + size);
  }
  const total = [...parts.values()].reduce((a, b) => a + b, 0);
  return [...parts.entries()].sort((a, b) => b[1] - a[1]).map(([part, bytes]) => ({ part, bytes, share: bytes / total }));
}

export async function benchSizes() {
  const files = distFiles();
  const wasm = files.filter((f) => f.file.endsWith('.wasm'));
  const validation = wasm.find((f) => f.file.includes('isimport_validation'));
  return { files, validation, largest: wasm[0], glue: await minifiedGlue() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchSizes();
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  const bar = (measure, value, limit) => beside(measure, kb(value), `≤ ${kb(limit)}`, value <= limit);
  console.log('dist/ (raw, gzip -9):');
  for (const f of r.files) console.log(`  ${f.file.padEnd(44)} ${String(f.raw).padStart(8)} B ${String(f.gzip).padStart(8)} B`);
  console.log(`  validation module, gzip: ${bar('validation module, gzip', r.validation.gzip, BARS.validation)}`);
  console.log(`  largest module (${r.largest.file}), gzip: ${bar('largest module, gzip', r.largest.gzip, BARS.largest)}`);
  for (const g of r.glue ?? []) console.log(`  ${g.module}.mjs glue, minified: ${g.minified} B, gzip: ${bar(`${g.module} glue, minified + gzip`, g.gzip, BARS.glue)}`);
  if (process.argv.includes('--profile')) {
    for (const module of ['isimport_validation', 'isimport_import']) {
      const parts = profile(module);
      if (!parts) { console.log(`  (no profiling build of ${module}: build/wasm-profile)`); continue; }
      console.log(`  ${module}: code bytes by part of the core`);
      for (const p of parts) console.log(`    ${p.part.padEnd(48)} ${String(p.bytes).padStart(8)} B  ${(100 * p.share).toFixed(1).padStart(5)}%`);
    }
  }
}
