// Compiled (never run) by `npm test` with `tsc -p tests/web`: a consumer's view of the API.
// Lines marked @ts-expect-error must stay errors; everything else must type-check.
import { load } from 'isimport';
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
