// A consumer's Node script: `node node-check.mjs REGISTRY_HOST` loads the installed package,
// validates a bad spec and imports an image from the registry; prints what it got as JSON.
import { load } from 'isimport';

const host = process.argv[2];
const isi = await load();
const invalid = isi.validate(`apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata: {name: web}
spec:
  import: false
  images:
  - from: {kind: ImageStreamTag, name: nginx:latest}
`);
const answer = await isi.importPreview({
  apiVersion: 'image.openshift.io/v1',
  kind: 'ImageStreamImport',
  metadata: { name: 'web', namespace: 'default' },
  spec: { import: false, images: [{ from: { kind: 'DockerImage', name: `${host}/e2e/rich:1.0` }, importPolicy: { insecure: true } }] },
});
process.stdout.write(`${JSON.stringify({ version: isi.version, invalid: { valid: invalid.valid, causes: invalid.causes }, answer })}\n`);
