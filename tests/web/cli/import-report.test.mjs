// What `isimport import` says on standard error, line by line, as `oc import-image` words it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportImport } from '../../../web/cli/import-report.js';

const ok = { metadata: {}, status: 'Success' };
const fail = (reason, code, message) => ({ metadata: {}, status: 'Failure', reason, code, message });

test('every kind of line: images by tag and by digest, a repository that cannot be listed, its failed tags, the cap, notes, the summary', () => {
  const answer = {
    kind: 'ImageStreamImport',
    spec: { repository: { from: { name: 'quay.io/org/app' } } },
    status: {
      images: [
        { status: ok, tag: 'latest', image: {} },
        { status: fail('NotFound', 404, 'dockerimage.image.openshift.io "quay.io/org/app:9" not found'), tag: '9' },
        { status: fail('InternalError', 500, 'Internal error occurred: quay.io/org/app@sha256:0: manifest unknown') },
      ],
      repository: {
        status: { metadata: {}, status: 'Failure', reason: 'ImportFailed', message: 'one of the images from this repository failed to import' },
        images: [{ status: ok, tag: '2', image: {} }, { status: fail('Unauthorized', 401, 'you may not have access to the container image "quay.io/org/app:1"'), tag: '1' }],
        additionalTags: ['a', 'b'],
      },
    },
  };
  const notices = [{ field: 'spec.images[0]', message: 'the list has no linux/s390x entry; Legacy mode took its first linux/amd64 entry, linux/amd64 (sha256:1)' }];
  assert.equal(reportImport(answer, { input: 'x.yaml', notices, maxTags: 2 }), [
    'error: tag 9 failed: (NotFound) dockerimage.image.openshift.io "quay.io/org/app:9" not found',
    'error: spec.images[2] failed: (InternalError) Internal error occurred: quay.io/org/app@sha256:0: manifest unknown',
    'error: repository tag 1 failed: (Unauthorized) you may not have access to the container image "quay.io/org/app:1"',
    'info: The remote repository contained 2 additional tags which were not imported (the cap is 2): a, b',
    'note: spec.images[0]: the list has no linux/s390x entry; Legacy mode took its first linux/amd64 entry, linux/amd64 (sha256:1)',
    'imported with errors: 1 of 3 images imported; repository: 1 of 2 tags imported, 2 not (the cap)',
    '',
  ].join('\n'));
  const unlisted = { kind: 'ImageStreamImport', spec: { repository: { from: { name: 'quay.io/org/gone' } } }, status: { repository: { status: fail('NotFound', undefined, 'dockerimage.image.openshift.io "quay.io/org/gone" not found') } } };
  assert.equal(reportImport(unlisted, { input: 'x.yaml' }), 'error: repository quay.io/org/gone failed: (NotFound) dockerimage.image.openshift.io "quay.io/org/gone" not found\nimported with errors: repository: not listed\n');
});

test('a refused request: its causes at their line and column; an accepted clean one: the summary alone', () => {
  const refusal = { valid: false, diagnostics: [{ severity: 'error', message: 'spec.images[0].from.kind: Invalid value: "X": only DockerImage is supported', line: 9, column: 13 }] };
  assert.equal(reportImport({ kind: 'Status', code: 422, reason: 'Invalid', message: 'm' }, { input: 'bad.yaml', refusal }),
    'error: the API server would refuse this request: 422 Invalid\n  bad.yaml:9:13: spec.images[0].from.kind: Invalid value: "X": only DockerImage is supported\n');
  const clean = { kind: 'ImageStreamImport', spec: {}, status: { images: [{ status: ok, tag: 'latest', image: {} }], import: { metadata: { name: 'web' } } } };
  assert.equal(reportImport(clean, { input: 'x' }), 'imported: 1 of 1 image imported; ImageStream web computed (nothing written)\n');
});
