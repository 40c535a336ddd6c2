// A Node project and a CI job that install the tarball: load(), validate() with the API server's
// text, importPreview() against the real docker-registry, and the `isimport` command of the
// installed package (npx isimport validate, import).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consumers } from './prepare.mjs';
import { inFolder, registryWithImages, specOf } from './support.mjs';

const folder = join(consumers().dir, 'node');
let registry;
let work;
before(async () => {
  registry = await registryWithImages();
  work = mkdtempSync(join(tmpdir(), 'isimport-ci-'));
});
after(async () => {
  await registry?.reg.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('Node: load(), validate() in the server\'s words, importPreview() from the registry', async () => {
  const { stdout, stderr, code } = await inFolder(folder, 'node', ['src/node-check.mjs', registry.host]);
  assert.equal(code, 0, stderr);
  const { version, invalid, answer } = JSON.parse(stdout);
  assert.match(version, /\S/);
  assert.equal(invalid.valid, false);
  assert.deepEqual(invalid.causes, [{ reason: 'FieldValueInvalid', field: 'spec.images[0].from.kind', message: 'Invalid value: "ImageStreamTag": only DockerImage is supported' }]);
  const [image] = answer.status.images;
  assert.equal(image.status.status, 'Success');
  assert.equal(image.image.metadata.name, registry.record.sets.rich.digest);
});

test('CI: npx isimport validate, from the installed package', async () => {
  writeFileSync(join(work, 'good.yaml'), specOf(registry.host, 'e2e/rich:1.0'));
  writeFileSync(join(work, 'bad.yaml'), specOf(registry.host, 'E2E/Rich:1.0'));
  const good = await inFolder(folder, 'npx', ['isimport', 'validate', join(work, 'good.yaml')]);
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /good\.yaml#0: valid/);
  const bad = await inFolder(folder, 'npx', ['isimport', 'validate', '-o', 'json', join(work, 'good.yaml'), join(work, 'bad.yaml')]);
  assert.equal(bad.code, 1);
  const [first, second] = JSON.parse(bad.stdout);
  const junit = await inFolder(folder, 'npx', ['isimport', 'validate', '-o', 'junit', work]);
  assert.equal(junit.code, 1);
  assert.match(junit.stdout, /<testsuites[\s\S]*<failure message="ImageStreamImport\.image\.openshift\.io &quot;consumer&quot; is invalid/);
  assert.equal(first.valid, true);
  assert.deepEqual(second.causes.map((c) => `${c.field}: ${c.message}`),
    [`spec.images[0].from.name: Invalid value: "${registry.host}/E2E/Rich:1.0": repository name must be lowercase`]);
});

test('CI: npx isimport import, from the installed package, prints the answer', async () => {
  writeFileSync(join(work, 'import.yaml'), specOf(registry.host, 'e2e/multi:latest'));
  const { stdout, stderr, code } = await inFolder(folder, 'npx', ['isimport', 'import', '-f', join(work, 'import.yaml'), '-o', 'json', '--platform', 'linux/arm64']);
  assert.equal(code, 0, stderr);
  const answer = JSON.parse(stdout);
  const [image] = answer.status.images;
  assert.equal(image.status.status, 'Success');
  assert.equal(image.image.dockerImageMetadata.Architecture, 'arm64');
});
