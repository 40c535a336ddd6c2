// docs/acceptance.md §5.1 as data: each row's document and the
// exact causes (reason, field, message) the API server puts in status.details.causes.
// Unless a row says otherwise the ImageStreamImport has metadata {namespace: foo, name: foo} and
// spec.repository.from = {kind: DockerImage, name: redis}.

const HEX64 = '3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25';
const RFC1123_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const IMPORT_MODE = "invalid import mode, valid modes are '', 'Legacy', 'PreserveOriginal'";

const isi = ({ metadata = { namespace: 'foo', name: 'foo' }, spec } = {}) => ({
  kind: 'ImageStreamImport',
  apiVersion: 'image.openshift.io/v1',
  metadata,
  spec: spec ?? { import: false, repository: { from: { kind: 'DockerImage', name: 'redis' } } },
});
const withRepository = (repository) => isi({ spec: { import: false, repository } });
const withImages = (images) => isi({ spec: { import: false, repository: { from: { kind: 'DockerImage', name: 'redis' } }, images } });
const docker = (name, extra = {}) => ({ from: { kind: 'DockerImage', name }, ...extra });

const invalid = (field, message) => ({ reason: 'FieldValueInvalid', field, message });
const required = (field, message) => ({ reason: 'FieldValueRequired', field, message });
const q = (s) => JSON.stringify(s);

/**
 * Rows: {id, doc, causes, namespace?} — namespace: the request namespace to give (--namespace),
 * when the row needs one (V5: an empty namespace that is not filled).
 */
export const V_ROWS = [
  { id: 'V1', doc: isi({ metadata: { namespace: 'foo', name: '' } }), causes: [required('metadata.name', 'Required value: name or generateName is required')] },
  { id: 'V2', doc: isi({ metadata: { namespace: 'foo', name: 'foo/bar' } }), causes: [invalid('metadata.name', `Invalid value: "foo/bar": may not contain '/'`)] },
  { id: 'V3', doc: isi({ metadata: { namespace: 'foo', name: 'foo%%bar' } }), causes: [invalid('metadata.name', `Invalid value: "foo%%bar": may not contain '%'`)] },
  { id: 'V4', doc: isi({ metadata: { namespace: 'foo', name: 'foo bar' } }), causes: [invalid('metadata.name', 'Invalid value: "foo bar": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*"')] },
  { id: 'V5', namespace: '', doc: isi({ metadata: { namespace: '', name: 'foo' } }), causes: [required('metadata.namespace', 'Required value')] },
  { id: 'V6', doc: isi({ metadata: { namespace: '!$', name: 'foo' } }), causes: [invalid('metadata.namespace', `Invalid value: "!$": ${RFC1123_LABEL}`)] },
  { id: 'V7', doc: withRepository({ from: { kind: 'DockerImage', name: 'a-|///bbb' } }), causes: [invalid('spec.repository.from.name', 'Invalid value: "a-|///bbb": invalid reference format')] },
  { id: 'V8', doc: withRepository({ from: { kind: 'DockerImage', name: 'a/b:tag' } }), causes: [invalid('spec.repository.from.name', 'Invalid value: "a/b:tag": you must specify an image repository, not a tag or ID')] },
  { id: 'V9', doc: withRepository({ from: { kind: 'DockerImage', name: 'a/b@sha256:something' } }), causes: [invalid('spec.repository.from.name', 'Invalid value: "a/b@sha256:something": invalid reference format')] },
  {
    id: 'V10-V13',
    doc: withImages([
      docker('abc', { importPolicy: { scheduled: true } }),
      docker('abc@badid', { importPolicy: { scheduled: true } }),
      { from: { kind: 'ImageStreamTag', name: 'other:latest' }, importPolicy: { scheduled: true } },
      { from: { kind: 'ImageStreamImage', name: 'other@latest' }, importPolicy: { scheduled: true } },
    ]),
    causes: [
      invalid('spec.images[1].from.name', 'Invalid value: "abc@badid": invalid reference format'),
      invalid('spec.images[2].from.kind', 'Invalid value: "ImageStreamTag": only DockerImage is supported'),
      invalid('spec.images[3].from.kind', 'Invalid value: "ImageStreamImage": only DockerImage is supported'),
    ],
  },
  { id: 'V14', doc: withImages([docker('abc', { importPolicy: { importMode: 'Invalid' } })]), causes: [invalid('spec.images[0].importPolicy.importMode', `Invalid value: "Invalid": ${IMPORT_MODE}`)] },
  { id: 'V15', doc: withRepository({ from: { kind: 'DockerImage', name: 'abc' }, importPolicy: { importMode: 'Invalid' } }), causes: [invalid('spec.repository.importPolicy.importMode', `Invalid value: "Invalid": ${IMPORT_MODE}`)] },
  { id: 'V16', doc: isi({ spec: { import: false } }), causes: [invalid('spec.images', 'Invalid value: null: you must specify at least one image or a repository import')] },
  { id: 'V17', doc: withImages([docker('nginx', { to: { name: '' } })]), causes: [invalid('spec.images[0].to.name', 'Invalid value: "": the name of the target tag must be specified')] },
  { id: 'V18', doc: withImages([docker('')]), causes: [required('spec.images[0].from.name', 'Required value')] },
  { id: 'V19', doc: withImages([docker('*', { importPolicy: { importMode: 'Invalid' } })]), causes: [] },
  { id: 'V20', doc: withImages([{ from: { kind: '', name: 'nginx' } }]), causes: [invalid('spec.images[0].from.kind', 'Invalid value: "": only DockerImage is supported')] },
  { id: 'V21', doc: withRepository({ from: { kind: 'DockerImage', name: '' } }), causes: [required('spec.repository.from.name', 'Required value: container image references require a name')] },
  { id: 'V22', doc: withRepository({ from: { kind: 'ImageStreamTag', name: 'redis' } }), causes: [invalid('spec.repository.from.kind', 'Invalid value: "ImageStreamTag": only DockerImage is supported')] },
  { id: 'V23', doc: withRepository({ from: { kind: 'DockerImage', name: `a/b@sha256:${HEX64}` } }), causes: [invalid('spec.repository.from.name', `Invalid value: "a/b@sha256:${HEX64}": you must specify an image repository, not a tag or ID`)] },
  { id: 'V24', doc: withImages([docker('Registry:3000/Foo')]), causes: [invalid('spec.images[0].from.name', 'Invalid value: "Registry:3000/Foo": repository name must be lowercase')] },
  { id: 'V25', doc: withImages([docker(`foo@sha256:${'0'.repeat(31)}1`)]), causes: [invalid('spec.images[0].from.name', `Invalid value: "foo@sha256:${'0'.repeat(31)}1": invalid checksum digest length`)] },
  { id: 'V26', doc: withImages([docker(`foo@md5:${'a'.repeat(32)}`)]), causes: [invalid('spec.images[0].from.name', `Invalid value: "foo@md5:${'a'.repeat(32)}": unsupported digest algorithm`)] },
  { id: 'V27', doc: withImages([docker('https://bar:5000/foo/baz')]), causes: [invalid('spec.images[0].from.name', 'Invalid value: "https://bar:5000/foo/baz": invalid reference format')] },
  (() => {
    const names = [':tag', `@sha256:${HEX64}`, '//foo/baz/biz', 'bar/foo/baz////biz', 'registry.io/foo/bar/:Tag', 'ftp://baz/baz/biz', 'index.docker.io/mysql@sha256:bad'];
    return {
      id: 'V28',
      doc: withImages(names.map((n) => docker(n))),
      causes: names.map((n, i) => invalid(`spec.images[${i}].from.name`, `Invalid value: ${q(n)}: invalid reference format`)),
    };
  })(),
  { id: 'V29', doc: withImages([docker('quay.io')]), causes: [] },
  (() => {
    const name = `bar:5000/${'a'.repeat(63)}/${'b'.repeat(183)}`;
    return { id: 'V30', doc: withRepository({ from: { kind: 'DockerImage', name } }), causes: [invalid('spec.repository.from.name', `Invalid value: ${q(name)}: repository name must not be more than 255 characters`)] };
  })(),
  {
    id: 'V31',
    doc: isi({ metadata: { namespace: 'foo', name: 'a/b' }, spec: { import: false, images: [{ from: { kind: 'X', name: 'a' } }] } }),
    message: `ImageStreamImport.image.openshift.io "a/b" is invalid: [spec.images[0].from.kind: Invalid value: "X": only DockerImage is supported, metadata.name: Invalid value: "a/b": may not contain '/']`,
    causes: [
      invalid('spec.images[0].from.kind', 'Invalid value: "X": only DockerImage is supported'),
      invalid('metadata.name', `Invalid value: "a/b": may not contain '/'`),
    ],
  },
  { id: 'V32', doc: isi({ metadata: { namespace: 'a'.repeat(64), name: 'foo' } }), causes: [invalid('metadata.namespace', `Invalid value: ${q('a'.repeat(64))}: must be no more than 63 characters`)] },
  { id: 'V32b', doc: isi({ metadata: { namespace: 'foo.bar', name: 'foo' } }), causes: [invalid('metadata.namespace', 'Invalid value: "foo.bar": must not contain dots')] },
  { id: 'V33', doc: isi({ metadata: { namespace: 'foo', name: '.' } }), causes: [invalid('metadata.name', `Invalid value: ".": may not be '.'`)] },
  { id: 'V34', doc: isi({ metadata: { namespace: 'a'.repeat(63), name: 'b'.repeat(192) } }), causes: [] },
];

// ImageStream rows (S) and Image rows (IM) of docs/acceptance.md §5.1 (the W and SG rows need a registry allow-list or
// signatures, which `validate` does not take).
const stream = (metadata, spec = {}, status) => ({
  kind: 'ImageStream', apiVersion: 'image.openshift.io/v1', metadata, spec, ...(status ? { status } : {}),
});
const FOO = { namespace: 'foo', name: 'foo' };
const tag = (name, from, extra = {}) => ({ name, from, ...extra });
const SCHEDULE_ONLY_DOCKER = 'only tags pointing to Docker repositories may be scheduled for background import';
const tagEvent = (dockerImageReference, image) => ({ created: null, dockerImageReference, image, generation: 0 });

export const S_ROWS = [
  { id: 'S1', doc: stream({ namespace: 'foo', name: 'foo/bar' }), causes: [invalid('metadata.name', `Invalid value: "foo/bar": may not contain '/'`)] },
  { id: 'S2', doc: stream(FOO, { dockerImageRepository: 'a/b:tag' }), causes: [invalid('spec.dockerImageRepository', 'Invalid value: "a/b:tag": the repository name may not contain a tag')] },
  { id: 'S3', doc: stream(FOO, { dockerImageRepository: 'a/b@sha256:something' }), causes: [invalid('spec.dockerImageRepository', 'Invalid value: "a/b@sha256:something": invalid reference format')] },
  // S4 is upstream's ValidateImageStream on a status; the create path (what `validate` runs, as
  // `kubectl create` would) resets the status first, as the server's strategy does: no error.
  {
    id: 'S4 (create path: status reset)',
    doc: stream(FOO, {}, { dockerImageRepository: '', tags: [{ tag: 'tag', items: [tagEvent('', 'x'), tagEvent('foo/bar:latest', 'y'), tagEvent('', 'z')] }] }),
    causes: [],
  },
  { id: 'S5', doc: stream(FOO, { tags: [tag('tag', { kind: 'DockerImage', name: 'abc' }, { referencePolicy: { type: 'Other' } })] }), causes: [invalid('spec.tags[tag].referencePolicy.type', 'Invalid value: "Other": valid values are "Source", "Local"')] },
  { id: 'S6', doc: stream(FOO, { tags: [tag('other', { kind: 'ImageStreamTag', name: 'other:latest' }, { importPolicy: { scheduled: true } })] }), causes: [invalid('spec.tags[other].importPolicy.scheduled', `Invalid value: true: ${SCHEDULE_ONLY_DOCKER}`)] },
  { id: 'S7', doc: stream(FOO, { tags: [tag('badid', { kind: 'DockerImage', name: 'abc@badid' }, { importPolicy: { scheduled: true } })] }), causes: [invalid('spec.tags[badid].from.name', 'Invalid value: "abc@badid": invalid reference format')] },
  { id: 'S8', doc: stream(FOO, { tags: [tag('otherimage', { kind: 'ImageStreamImage', name: 'other@latest' }, { importPolicy: { scheduled: true } })] }), causes: [invalid('spec.tags[otherimage].importPolicy.scheduled', `Invalid value: true: ${SCHEDULE_ONLY_DOCKER}`)] },
  { id: 'S9', doc: stream({ namespace: 'f', name: 'g' }), causes: [] },
  { id: 'S10', doc: stream({ namespace: 'abcdefghijklmnopqrstuvwxyz-1234567890', name: 'abcdefghijklmnopqrstuvwxyz-1234567890.dot_underscore-dash' }), causes: [] },
  { id: 'S11', doc: stream({ namespace: 'a'.repeat(63), name: 'b'.repeat(191) }), causes: [] },
  { id: 'S12', doc: stream({ namespace: 'a'.repeat(63), name: `x${'b'.repeat(191)}` }), causes: [invalid('metadata.name', `Invalid value: ${q(`x${'b'.repeat(191)}`)}: 'namespace/name' cannot be longer than 255 characters`)] },
  { id: 'S13', doc: stream(FOO, { tags: [tag('tag', { kind: 'DockerImage', name: 'abc' }, { importPolicy: { importMode: 'PreserveOriginal' } })] }), causes: [] },
  { id: 'S14', doc: stream(FOO, { tags: [tag('tag', { kind: 'DockerImage', name: 'abc' }, { importPolicy: { importMode: 'Invalid' } })] }), causes: [invalid('spec.tags[tag].importPolicy.importMode', `Invalid value: "Invalid": ${IMPORT_MODE}`)] },
  { id: 'S15', doc: stream(FOO, { tags: [tag('tag', { kind: 'DockerImage', name: `abc@sha256:${HEX64}` }, { importPolicy: { scheduled: true } })] }), causes: [] },
];

const image = (extra) => ({ kind: 'Image', apiVersion: 'image.openshift.io/v1', metadata: { name: 'foo' }, dockerImageReference: 'foo/bar', ...extra });
const manifest = (extra) => ({ digest: `sha256:${HEX64}`, mediaType: 'application/vnd.oci.image.manifest.v1+json', manifestSize: 1, architecture: 'amd64', os: 'linux', ...extra });

export const IM_ROWS = [
  { id: 'IM1', doc: image({ dockerImageManifests: [manifest({ digest: 'abc' })] }), causes: [invalid('dockerImageManifests[0].digest', 'Invalid value: "abc": digest does not conform with OCI image specification')] },
  { id: 'IM2', doc: image({ dockerImageManifests: [manifest({ mediaType: 'foobar' })] }), causes: [invalid('dockerImageManifests[0].mediaType', 'Invalid value: "foobar": media type does not conform to RFC6838')] },
  { id: 'IM3', doc: image({ dockerImageManifests: [manifest({ architecture: '' })] }), causes: [required('dockerImageManifests[0].architecture', 'Required value')] },
  { id: 'IM4', doc: image({ dockerImageManifests: [manifest({ os: '' })] }), causes: [required('dockerImageManifests[0].os', 'Required value')] },
  { id: 'IM5', doc: image({ dockerImageManifests: [manifest({ manifestSize: -2 })] }), causes: [invalid('dockerImageManifests[0].size', 'Invalid value: -2: manifest size cannot be negative')] },
  { id: 'IM6', doc: image({ metadata: {} }), causes: [required('metadata.name', 'Required value: name or generateName is required')] },
  { id: 'IM7', doc: image({ dockerImageReference: '' }), causes: [required('dockerImageReference', 'Required value')] },
];
