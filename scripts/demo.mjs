// Decodes example ImageStreamImports through the JS API and prints what the core made of them.
//   node scripts/demo.mjs [FILE.json …]      (default: examples/*.json)
import { readdir, readFile } from 'node:fs/promises';
import { load } from 'isimport';

const root = new URL('../', import.meta.url);
let files = process.argv.slice(2);
if (files.length === 0) {
  const dir = new URL('examples/', root);
  const names = await readdir(dir).catch(() => []);
  files = names.filter((n) => n.endsWith('.json')).sort().map((n) => `examples/${n}`);
}

const isi = await load();
console.log(`isimport core ${isi.version}`);
if (files.length === 0) {
  console.log('no examples/*.json yet: nothing to decode');
  process.exit(0);
}

let failures = 0;
for (const file of files) {
  const text = await readFile(new URL(file, root), 'utf8');
  const result = isi.decode(text, { fieldValidation: 'Strict' });
  console.log(`\n# ${file}: ${result.ok ? 'ok' : `${result.status.code} ${result.status.reason}`}`);
  for (const w of result.warnings) console.log(`warning: ${w}`);
  console.log(JSON.stringify(result.ok ? result.object : result.status, null, 2));
  if (!result.ok) failures++;
}
process.exit(failures ? 1 : 0);
