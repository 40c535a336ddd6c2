// Compiled (never run) by `npm test` with `tsc -p tests/web/lib`: a consumer's view of the API.
// Lines marked @ts-expect-error must stay errors; everything else must type-check.
import { load, probeRegistry } from 'isimport';
import type { IsimportPreview } from 'isimport/element';
import { IsimportPreview as IsimportPreviewComponent, type IsimportPreviewProps } from 'isimport/react';
import type {
  DecodeResult,
  Diagnostic,
  Position,
  ValidateAllResult,
  ValidateOptions,
  ValidateResult,
  FieldValidation,
  ImageStream,
  ImageStreamImport,
  Isimport,
  LoadOptions,
  Status,
  DockerConfigSecret,
  Image,
  ImageManifest,
  ImportPreviewOptions,
  ImportProgress,
  ImportRefusal,
  ImportResult,
  ImportedImageStreamImport,
  TagEvent,
} from 'isimport';

const options: LoadOptions = { printErr: (line) => console.error(line) };
const isi: Isimport = await load(options);
const version: string = isi.version;

const spec: ImageStreamImport = {
  kind: 'ImageStreamImport',
  apiVersion: 'image.openshift.io/v1',
  metadata: { name: 'demo', namespace: 'default' },
  spec: {
    import: true,
    images: [{ from: { kind: 'DockerImage', name: 'registry.example/ns/app:1.0' }, to: { name: '1.0' } }],
  },
};

for (const mode of ['Strict', 'Warn', 'Ignore'] as FieldValidation[]) {
  const result = isi.decode(JSON.stringify(spec), { fieldValidation: mode });
  if (result.ok) {
    const isiObject: ImageStreamImport = result.object;
    const imported: boolean = isiObject.spec.import;
    const firstFrom: string | undefined = isiObject.spec.images?.[0]?.from.name;
    void imported, firstFrom;
  } else {
    const status: Status = result.status;
    const code: number = result.status.code;
    const reason: string = result.status.reason;
    const causes = result.status.details?.causes ?? [];
    for (const cause of causes) console.log(cause.field, cause.reason, cause.message);
    void status, code, reason;
  }
  const warnings: string[] = result.warnings;
  void warnings;
}

const fromObject: DecodeResult = isi.decode(spec);
const fromBytes = isi.decode(new TextEncoder().encode('{}'));
const stream: DecodeResult<ImageStream> = isi.decode('{}', { kind: 'ImageStream' });
if (stream.ok) {
  const name: string | undefined = stream.object.metadata?.name;
  void name;
}
void fromObject, fromBytes, version;

// @ts-expect-error: fieldValidation is one of Strict, Warn, Ignore
isi.decode('{}', { fieldValidation: 'strict' });
// @ts-expect-error: version is read-only
isi.version = '1';
// @ts-expect-error: a failed decode has no object
isi.decode('{}').object.spec;

// validate() / validateAll(): results with causes, positions and diagnostics.
const checked: ValidateResult = isi.validate('kind: ImageStreamImport\n', { fieldValidation: 'Warn', namespace: 'demo' });
if (!checked.valid && checked.status) {
  const code: number = checked.status.code;
  const message: string = checked.status.message;
  void code, message;
}
checked.causes.forEach((cause, i) => {
  const field: string = cause.field;
  const where: Position | null | undefined = checked.positions[i];
  console.log(field, cause.reason, cause.message, where?.line, where?.column);
});
for (const d of checked.diagnostics) {
  const severity: 'error' | 'warning' = d.severity;
  const hint: string | undefined = d.hint;
  void severity, hint, d.line;
}
const defaulted: ImageStreamImport | undefined = checked.object;
const asStream: ValidateResult<ImageStream> = isi.validate(spec, { kind: 'ImageStream' });
const all: ValidateAllResult[] = isi.validateAll(new TextEncoder().encode('a: 1\n---\nb: 2\n'));
const firstSource: number | undefined = all[0]?.source;
const noHints: Isimport = await load({ schemas: false });
const options2: ValidateOptions = { kind: 'Image' };
const diag: Diagnostic | undefined = checked.diagnostics[0];
void defaulted, asStream, firstSource, noHints, options2, diag;

// @ts-expect-error: fieldValidation is one of Strict, Warn, Ignore
isi.validate('{}', { fieldValidation: 'warn' });
// @ts-expect-error: namespace is a string
isi.validate('{}', { namespace: 1 });

// importPreview(): the answer is an ImageStreamImport with status, or the refusing Status.
const controller = new AbortController();
const progressSeen: ImportProgress[] = [];
const previewOptions: ImportPreviewOptions = {
  fetch: (url, init) => fetch(url, init),
  credentials: { auths: { 'registry.example': { auth: btoa('user:password') } } },
  currentImageStream: 'kind: ImageStream\nmetadata: {name: demo}\n',
  concurrency: 4,
  signal: controller.signal,
  onProgress: (p) => { progressSeen.push(p); console.log(p.requestsDone, p.requestsKnown, p.imagesDone, p.imagesTotal); },
  proxyPrefix: 'http://localhost:5173/proxy/',
  now: new Date(),
  platform: 'linux/arm64',
  maxTagsPerRepository: -1,
  requestTimeout: 10_000,
  importTimeout: 60_000,
  fieldValidation: 'Strict',
  namespace: 'demo',
};
const secret: DockerConfigSecret = { kind: 'Secret', type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } };
const answer: ImportResult = await isi.importPreview(spec, previewOptions);
await isi.importPreview('kind: ImageStreamImport\n', { credentials: secret, now: '2024-01-02T03:04:05Z' });
await isi.importPreview(new TextEncoder().encode('{}'));
if (answer.kind === 'Status') {
  const refusal: ImportRefusal = answer;
  const causes = refusal.details?.causes ?? [];
  console.log(refusal.code, refusal.reason, refusal.message, causes.length);
} else {
  const imported: ImportedImageStreamImport = answer;
  for (const image of imported.status.images ?? []) {
    const ok: boolean = image.status.status === 'Success';
    const digest: string | undefined = image.image?.metadata?.name;
    const env: string[] | null | undefined = image.image?.dockerImageMetadata?.Config?.Env;
    const size: number | undefined = image.image?.dockerImageMetadata?.Size;
    const platforms: ImageManifest[] = image.image?.dockerImageManifests ?? [];
    const layers = image.image?.dockerImageLayers ?? [];
    for (const m of platforms) console.log(m.os, m.architecture, m.variant, m.digest);
    for (const l of layers) console.log(l.name, l.size, l.mediaType);
    const children: Image[] = image.manifests ?? [];
    void ok, digest, env, size, children;
  }
  const repo = imported.status.repository;
  const more: string[] = repo?.additionalTags ?? [];
  const stream: ImageStream | undefined = imported.status.import;
  const events: TagEvent[] = stream?.status?.tags?.[0]?.items ?? [];
  void more, events;
}

// @ts-expect-error: concurrency is a number
isi.importPreview('{}', { concurrency: '6' });
// @ts-expect-error: onProgress receives ImportProgress
isi.importPreview('{}', { onProgress: (p: string) => p });

// parseReference: a discriminated answer.
async function referenceTypes(): Promise<void> {
  const isi = await load();
  const parsed = isi.parseReference('quay.io/org/app:1');
  if (parsed.valid) {
    const repo: string = parsed.repository;
    const normalized: string | undefined = parsed.normalized;
    void repo;
    void normalized;
  } else {
    const why: string = parsed.error;
    void why;
  }
}
void referenceTypes;

// explain(): the facts of an answer, typed.
async function explainTypes(): Promise<void> {
  const isi = await load();
  const answer = await isi.importPreview('{}', { onRequestFailure: (f) => { const hidden: boolean = f.hidden; void hidden; } });
  const facts = isi.explain(answer, { platform: 'linux/arm64', maxTagsPerRepository: 50 });
  if (facts) {
    const legacy: 'preferred' | 'linux/amd64' | 'first' | undefined = facts.images[0]?.platforms?.legacy.rule;
    const bytes: number | undefined = facts.pulls[0]?.bytes;
    const why: string | undefined = facts.repository?.tags[0]?.why;
    void legacy, bytes, why;
  }
  const tags: TagClassCheck[] = isi.prioritizeTags(['latest', '1.2']).map((t) => t.class);
  void tags;
  // @ts-expect-error: prioritizeTags takes strings
  isi.prioritizeTags([1]);
  const probe: 'reachable' | 'unreachable' | 'blocked' = await probeRegistry('https://quay.io');
  void probe;
}
type TagClassCheck = 'latest' | 'minor' | 'full' | 'other';
void explainTypes;

// The element: its properties and typed events.
function elementTypes(el: IsimportPreview): void {
  el.spec = 'kind: ImageStreamImport';
  el.credentials = { auths: {} };
  el.addEventListener('done', (e) => { const kind: string = e.detail.kind; void kind; });
  el.addEventListener('validate', (e) => { const valid: boolean = e.detail.valid; void valid; });
  const found: IsimportPreview | null = document.querySelector('isimport-preview');
  void found;
  // An answer from elsewhere is shown as it is; null clears it.
  el.result = null;
  el.result = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'denied', reason: 'Forbidden', code: 403 } as ImportResult;
  // @ts-expect-error: a result is an answer object, not text
  el.result = 'answer';
}
void elementTypes;

// The React wrapper: its props, typed handlers, and the element as its ref.
function reactTypes(): void {
  const props: IsimportPreviewProps = {
    spec: 'kind: ImageStreamImport',
    platform: 'linux/arm64',
    readOnly: true,
    concurrency: 2,
    onDone: (answer) => { const kind: string = answer.kind; void kind; },
    onValidate: (result) => { const valid: boolean = result.valid; void valid; },
    ref: (element) => { const spec: string | undefined = element?.spec; void spec; },
  };
  IsimportPreviewComponent(props);
  // @ts-expect-error: readOnly is a boolean
  const wrong: IsimportPreviewProps = { readOnly: 'yes' };
  void wrong;
}
void reactTypes;
