// Types of the isimport JS API (web/lib/isimport.js). Written by hand: Debian's Emscripten 3.1.6
// has no --emit-tsd. tests/web/types-check.ts is compiled against this file by `npm test`.

// ---------------------------------------------------------------------------------------------
// Kubernetes / OpenShift object model (image.openshift.io/v1), as far as the API exposes it.

/** An RFC 3339 timestamp, as Kubernetes writes it (e.g. "2024-01-02T03:04:05Z"). */
export type Time = string;

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  selfLink?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: Time | null;
  deletionTimestamp?: Time;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }>;
  finalizers?: string[];
  managedFields?: Array<Record<string, unknown>>;
}

/** corev1.ObjectReference; for an import, `kind` is "DockerImage" and `name` the pull spec. */
export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface LocalObjectReference {
  name?: string;
}

export type ImportMode = 'Legacy' | 'PreserveOriginal' | (string & {});

export interface TagImportPolicy {
  insecure?: boolean;
  scheduled?: boolean;
  importMode?: ImportMode;
}

export interface TagReferencePolicy {
  type?: 'Source' | 'Local' | (string & {});
}

export interface ImageImportSpec {
  from: ObjectReference;
  to?: LocalObjectReference;
  importPolicy?: TagImportPolicy;
  referencePolicy?: TagReferencePolicy;
  includeManifest?: boolean;
}

export interface RepositoryImportSpec {
  from: ObjectReference;
  importPolicy?: TagImportPolicy;
  referencePolicy?: TagReferencePolicy;
  includeManifest?: boolean;
}

export interface ImageStreamImportSpec {
  import: boolean;
  repository?: RepositoryImportSpec;
  images?: ImageImportSpec[];
}

export interface StatusCause {
  /** e.g. "FieldValueRequired", "FieldValueInvalid", "FieldValueNotSupported". */
  reason?: string;
  message?: string;
  /** e.g. "spec.images[0].from.kind". */
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** metav1.Status: an error answer of the API server, or a per-image import result. */
export interface Status {
  kind?: 'Status';
  apiVersion?: 'v1';
  metadata?: { selfLink?: string; resourceVersion?: string; continue?: string; remainingItemCount?: number };
  status?: 'Success' | 'Failure' | (string & {});
  message?: string;
  /** e.g. "BadRequest", "Invalid", "RequestEntityTooLarge", "NotFound", "Unauthorized", "InternalError". */
  reason?: string;
  details?: StatusDetails;
  /** HTTP status code: 400, 413, 422, 500, … */
  code?: number;
}

/** image.openshift.io/v1 Image, as the import reports it. Left open until the schema is generated. */
export interface Image {
  metadata?: ObjectMeta;
  dockerImageReference?: string;
  dockerImageMetadata?: Record<string, unknown>;
  dockerImageMetadataVersion?: string;
  dockerImageManifest?: string;
  dockerImageLayers?: Array<{ name: string; size: number; mediaType: string }>;
  dockerImageManifestMediaType?: string;
  dockerImageManifests?: Array<{
    digest: string;
    mediaType: string;
    manifestSize: number;
    architecture: string;
    os: string;
    variant?: string;
  }>;
  dockerImageConfig?: string;
  [field: string]: unknown;
}

export interface ImageImportStatus {
  status: Status;
  image?: Image;
  tag?: string;
  manifests?: Image[];
}

export interface RepositoryImportStatus {
  status?: Status;
  images?: ImageImportStatus[];
  additionalTags?: string[];
}

/** image.openshift.io/v1 ImageStream (the `status.import` result). Left open for now. */
export interface ImageStream {
  kind?: 'ImageStream';
  apiVersion?: string;
  metadata?: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export interface ImageStreamImportStatus {
  import?: ImageStream;
  repository?: RepositoryImportStatus;
  images?: ImageImportStatus[];
}

export interface ImageStreamImport {
  kind?: 'ImageStreamImport';
  apiVersion?: string;
  metadata?: ObjectMeta;
  spec: ImageStreamImportSpec;
  status?: ImageStreamImportStatus;
}

// ---------------------------------------------------------------------------------------------
// The API.

/** How unknown and duplicate fields are treated, as the API server's `fieldValidation` parameter. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface DecodeOptions {
  /** Default "Strict", as kubectl sends today. */
  fieldValidation?: FieldValidation;
  /** The kind to decode; default "ImageStreamImport". */
  kind?: 'ImageStreamImport' | 'ImageStream' | (string & {});
}

/** What `decode` accepts: request body text, its UTF-8 bytes, or an object to serialize as JSON. */
export type DecodeInput = string | Uint8Array | ArrayBuffer | ArrayBufferView | object;

export interface DecodeSuccess<T = ImageStreamImport> {
  ok: true;
  kind: string;
  object: T;
  /** Warnings the API server would send (e.g. unknown fields in Warn mode). */
  warnings: string[];
  status?: undefined;
}

export interface DecodeFailure {
  ok: false;
  kind: string;
  object?: undefined;
  warnings: string[];
  /** The Status the API server would answer with: status "Failure", e.g. 400 BadRequest, 413 RequestEntityTooLarge. */
  status: Status & { status: 'Failure'; code: number; reason: string; message: string };
}

export type DecodeResult<T = ImageStreamImport> = DecodeSuccess<T> | DecodeFailure;

export interface ValidateOptions {
  /** Default "Strict", as kubectl sends today: unknown and duplicate fields are errors (400). */
  fieldValidation?: FieldValidation;
  /** The kind to expect; by default the document's own `kind` (ImageStreamImport, ImageStream, Image). */
  kind?: 'ImageStreamImport' | 'ImageStream' | 'Image' | (string & {});
  /**
   * The namespace of the request. When given, an empty metadata.namespace is filled with it and a
   * different one is a 400; when absent, an empty metadata.namespace becomes "default".
   */
  namespace?: string;
}

/** What `validate` accepts: JSON or YAML text, its bytes (UTF-8, or UTF-16 with a BOM), or an object. */
export type ValidateInput = string | Uint8Array | ArrayBuffer | ArrayBufferView | object;

/** 1-based line and column (in UTF-16 code units) in the text that was validated. */
export interface Position {
  line: number;
  column: number;
}

/** One located problem: a cause, a decode error (unknown field, YAML syntax …) or a warning. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** The server's text (`spec.images[0].from.kind: Invalid value: …`, `unknown field "spec.x"`). */
  message: string;
  /** The field path the problem names, when it names one. */
  field?: string;
  line?: number;
  column?: number;
  /** isimport's own addition, never part of the server's text, e.g. `did you mean "from"?`. */
  hint?: string;
}

export interface ValidateResult<T = ImageStreamImport> {
  valid: boolean;
  /** The kind the document was decoded as (e.g. "ImageStreamImport"). */
  kind: string;
  /** Exactly the API server's status.details.causes (empty unless the answer is a 422). */
  causes: Array<StatusCause & { reason: string; message: string; field: string }>;
  /** Warnings the API server would send (e.g. unknown fields in Warn mode). */
  warnings: string[];
  /** The Status the API server would answer with, when the document is not valid (400, 413, 422, 500). */
  status?: Status & { status: 'Failure'; code: number; reason: string; message: string };
  /** The decoded object with the server's defaults applied, when it could be decoded. */
  object?: T;
  /** Where each cause points (parallel to `causes`); null when unknown (e.g. an object input). */
  positions: Array<Position | null>;
  /** Every problem with its position and hints, in report order (causes first). */
  diagnostics: Diagnostic[];
}

export interface ValidateAllResult<T = unknown> extends ValidateResult<T> {
  /** Index of the document in the text (empty and `null` documents are skipped and not counted). */
  source: number;
}

export interface LoadOptions {
  /**
   * The JSON Schemas used for "did you mean" hints, by kind; default: read from the package's
   * schemas/ directory. `false`: no hints.
   */
  schemas?: false | Partial<Record<'ImageStreamImport' | 'ImageStream' | 'Image', object>>;
  /** The core's .wasm bytes; skips fetching/reading `wasmUrl`. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to find isimport_core.wasm (default: next to the module, `./wasm/isimport_core.wasm`). */
  wasmUrl?: string | URL;
  /** Receives the core's stdout lines (default: dropped). */
  print?: (text: string) => void;
  /** Receives the core's stderr lines (default: console.warn). */
  printErr?: (text: string) => void;
}

/** One instance of the core. All methods are synchronous and never throw for bad input. */
export interface Isimport {
  /** The core's version. */
  readonly version: string;
  /**
   * Decodes one object from a request body as the API server would (strict JSON, field validation,
   * the 3 MiB limit). A trap inside the core is reported as a 500 InternalError failure, after
   * which this instance answers every call with that failure: call `load()` again.
   */
  decode(input: DecodeInput, options?: DecodeOptions & { kind?: 'ImageStreamImport' }): DecodeResult<ImageStreamImport>;
  decode(input: DecodeInput, options: DecodeOptions & { kind: 'ImageStream' }): DecodeResult<ImageStream>;
  decode(input: DecodeInput, options?: DecodeOptions): DecodeResult<unknown>;
  /**
   * Validates one document as the API server's create path does (decode, defaults, namespace,
   * validation), with positions for JSON and YAML text. Never throws for bad input; throws a
   * TypeError for bad options. Text with several YAML documents is refused: see validateAll().
   */
  validate(input: ValidateInput, options?: ValidateOptions & { kind?: 'ImageStreamImport' }): ValidateResult<ImageStreamImport>;
  validate(input: ValidateInput, options: ValidateOptions & { kind: 'ImageStream' }): ValidateResult<ImageStream>;
  validate(input: ValidateInput, options: ValidateOptions & { kind: 'Image' }): ValidateResult<Image>;
  validate(input: ValidateInput, options?: ValidateOptions): ValidateResult<unknown>;
  /** Validates every document of a (multi-document YAML) text: one result per document. */
  validateAll(input: ValidateInput, options?: ValidateOptions): ValidateAllResult[];
  // parseReference(reference: string): … — coming.
}

/** Instantiates the core (a new, independent instance per call). */
export function load(options?: LoadOptions): Promise<Isimport>;
