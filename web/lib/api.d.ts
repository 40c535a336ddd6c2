// Types of the isimport JS API (web/lib/isimport.js). Written by hand: Debian's Emscripten 3.1.6
// has no --emit-tsd. tests/web/lib/types-check.ts is compiled against this file by `npm test`.

// ---------------------------------------------------------------------------------------------
// Kubernetes / OpenShift object model (image.openshift.io/v1): generated from the C++ model's field
// lists into ./model.d.ts (build/native/schema_gen schemas web/lib/model.d.ts), re-exported here.

import type {
  Image,
  ImageManifest,
  ImageStream,
  ImageStreamImport,
  ImageStreamImportStatus,
  NamedTagEventList,
  ObjectMeta,
  Status,
  StatusCause,
  TagReference,
  DockerImage,
  TagImportPolicy,
} from './model.js';

export type {
  Time,
  ImageStreamImport,
  ObjectMeta,
  OwnerReference,
  ManagedFieldsEntry,
  ImageStreamImportSpec,
  RepositoryImportSpec,
  ObjectReference,
  TagImportPolicy,
  TagReferencePolicy,
  ImageImportSpec,
  LocalObjectReference,
  ImageStreamImportStatus,
  ImageStream,
  ImageStreamSpec,
  ImageLookupPolicy,
  TagReference,
  ImageStreamStatus,
  NamedTagEventList,
  TagEvent,
  TagEventCondition,
  RepositoryImportStatus,
  Status,
  ListMeta,
  StatusDetails,
  StatusCause,
  ImageImportStatus,
  Image,
  DockerImage,
  DockerConfig,
  ImageLayer,
  ImageSignature,
  SignatureCondition,
  SignatureIssuer,
  SignatureSubject,
  ImageManifest,
} from './model.js';

/** `dockerImageMetadata` of an Image: docker10.DockerImage (the name this API has always used). */
export type DockerImageMetadata = DockerImage;

/** `importPolicy.importMode`: "Legacy" or "PreserveOriginal" (empty is defaulted while decoding). */
export type ImportMode = NonNullable<TagImportPolicy['importMode']>;

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

// The options and the core's findings are declared once, in the core, and generated:
// boundary.d.ts (wasm/boundary/options.h, wasm/json/diagnostic.h; docs/boundary.md).
export type {
  ValidateOptions, ImportPreviewOptions, ValidateOptionsDecoded, ImportOptionsDecoded, DiagnosticKind, CoreDiagnostic,
  ImportProgress, ImportNotice, SupplyChainOptions, SupplyChainOptionsDecoded, SupplyChain, Subject as SupplySubject,
  Artifact as SupplyArtifact, Verification as SupplyVerification, PolicyDecision, SupplyError, SupplyProgress,
} from './boundary.js';
import type {
  ValidateOptions, ImportPreviewOptions, ValidateOptionsDecoded, ImportOptionsDecoded, DiagnosticKind, SupplyChainOptions,
  SupplyChainOptionsDecoded, SupplyChain,
} from './boundary.js';

/**
 * What bad options throw: a TypeError worded by the core. For a value an option does not take it
 * also names the option and what it takes.
 */
export interface OptionsError extends TypeError {
  option?: string;
  expected?: string;
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
  /** What the finding is (unknownField, duplicateField, typeError, syntax, cause, warning). */
  kind: DiagnosticKind;
  /** The field path ('' for the whole document): highlight a field without reading `message`. */
  path: string;
  /** The byte of the JSON text the core found it at; -1 when not known (YAML input, validation causes). */
  byteOffset: number;
  /** typeError: the Go type the value did not fit. */
  goType?: string;
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
  /**
   * The decoded object with the server's defaults applied, when it could be decoded. A getter:
   * spelled out by the core when first read (JSON.stringify of the result includes it).
   */
  readonly object?: T;
  /** Where each cause points (parallel to `causes`); null when unknown (e.g. an object input). */
  positions: Array<Position | null>;
  /** Every problem with its position and hints, in report order (causes first). */
  diagnostics: Diagnostic[];
  /**
   * An object isimport does not validate (another group's kind, or narrowed by `kinds`/`skip`):
   * nothing to refuse, so `valid` is true; `reason` says why it was skipped.
   */
  skipped?: true;
  reason?: string;
  /** The skipped object's apiVersion. */
  apiVersion?: string;
}

export interface ValidateAllResult<T = unknown> extends ValidateResult<T> {
  /** Index of the document in the text (empty and `null` documents are skipped and not counted). */
  source: number;
  /** '' for a document, or the path of a list's item (`items[2]`): lists are validated item by item. */
  item: string;
}

export interface LoadOptions {
  /**
   * The JSON Schemas used for "did you mean" hints, by kind; default: read from the package's
   * schemas/ directory. `false`: no hints.
   */
  schemas?: false | Partial<Record<'ImageStreamImport' | 'ImageStream' | 'Image', object>>;
  /** The validation module's .wasm bytes; skips fetching/reading `wasmUrl`. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /**
   * Where to find the validation module, which load() instantiates (default: next to this module,
   * `./wasm/isimport_validation.wasm`).
   */
  wasmUrl?: string | URL;
  /** The import engine's .wasm bytes; skips fetching/reading `importWasmUrl`. */
  importWasmBinary?: ArrayBuffer | Uint8Array;
  /**
   * Where to find the import engine, fetched the first time importPreview() runs and never before
   * (default: `./wasm/isimport_import.wasm` next to this module).
   */
  importWasmUrl?: string | URL;
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
   * the 3 MiB limit). JSON only: YAML is refused as the server refuses a body that is not JSON
   * (validate() reads YAML as kubectl does). A trap inside the core is reported as a 500 InternalError failure, after
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
  /**
   * Performs the import the API server would perform for a POST of this ImageStreamImport, against
   * the real registries, and resolves to the server's answer: the ImageStreamImport with `status`
   * (per-image failures — NotFound, Unauthorized, InternalError for timeouts, aborts, caps — live in
   * `status.images[i].status` and `status.repository`), or, for a request the server would refuse,
   * its Status (400, 413, 422 with `details.causes`) — then without any request. Discriminate on
   * `kind`. Never rejects for bad input or registry failures; throws a TypeError for bad options.
   */
  importPreview(spec: ImportInput, options?: ImportPreviewOptions): Promise<ImportResult>;
  /**
   * What vouches for each image of an ImageStreamImport answer (from importPreview() or a cluster):
   * signatures, attestations and SBOMs found beside every digest (referrers API, referrers tag,
   * cosign's tags, BuildKit's attestation manifests), signatures checked with `options.keys` by
   * WebCrypto, and the decision of the image policies in `options.policies` (docs/supply-chain.md).
   * A repository that cannot be read is one of `errors`. Throws a TypeError for bad options, a key
   * that is no public key or an answer that is no ImageStreamImport; an Error whose `status` is the
   * 422 Status for a policy the API server would refuse.
   */
  supplyChain(answer: ImportResult | string | object, options?: SupplyChainOptions): Promise<SupplyChain>;
  /** Parses an image reference as OpenShift does (library-go reference.Parse). */
  parseReference(reference: string): ParsedReference;
  /** Tags in OpenShift's repository-import priority, each with its class (the core's rule). */
  prioritizeTags(tags: string[]): PrioritizedTag[];
  /** The entry of a manifest list Legacy mode imports for the control plane's `os/arch[/variant]`. */
  legacyChoice(manifests: Array<Pick<ImageManifest, 'architecture' | 'os'>>, platform?: string): LegacyChoice;
  /** What an importPreview() answer means for a person; null for a refusal. */
  explain(answer: ImportResult, options?: ExplainOptions): ImportFacts | null;
  /**
   * The options as the core reads them, every default filled in (what the call would run with);
   * throws the OptionsError the call would throw.
   */
  options(call: 'validate', options?: ValidateOptions): ValidateOptionsDecoded;
  options(call: 'importPreview', options?: ImportPreviewOptions): ImportOptionsDecoded;
  options(call: 'supplyChain', options?: SupplyChainOptions): SupplyChainOptionsDecoded;
}

export type TagClass = 'latest' | 'minor' | 'full' | 'other';
export interface PrioritizedTag { tag: string; class: TagClass }
export interface LegacyChoice { index: number; rule: 'preferred' | 'linux/amd64' | 'first' }

export interface ExplainOptions {
  /** The control plane's platform the import used; default: the core's (docs/options.md). */
  platform?: string;
  /** The cap the import used; default: the core's (docs/options.md). */
  maxTagsPerRepository?: number;
  /** The ImageStream before the import (object or text), to say what changes. */
  currentImageStream?: ImageStream | string | null;
}

export interface LayerFacts { digest: string; size: number; mediaType?: string; repeat: boolean; share: number }
export interface ConfigFacts {
  entrypoint: string[] | null;
  cmd: string[] | null;
  env: string[];
  exposedPorts: string[];
  volumes: string[];
  user: string;
  /** No USER, `root` or uid 0. */
  runsAsRoot: boolean;
  workingDir: string;
  labels: Array<[string, string]>;
}
export interface ImageFacts {
  digest: string;
  pullSpec: string;
  mediaType: string;
  created: string | null;
  architecture: string;
  isList: boolean;
  /** dockerImageMetadata.Size: the config and the distinct layers, compressed. */
  size: number;
  layers: LayerFacts[];
  layerBytes: number;
  configBytes: number;
  config: ConfigFacts;
}
export interface PlatformRow {
  index: number;
  os: string;
  architecture: string;
  variant: string;
  digest: string;
  mediaType: string;
  manifestSize: number;
  compressedSize: number | null;
  layerCount: number | null;
  /** An `unknown/unknown` entry: a build attestation. */
  attestation: boolean;
  /** The entry Legacy mode would import. */
  legacy: boolean;
}
export interface PlatformTable { rows: PlatformRow[]; legacy: LegacyChoice & { reason: string } }
export interface TagFacts {
  tag: string;
  /** Place in the priority order (0-based). */
  position: number;
  class: TagClass;
  /** A cosign-shaped `sha256-<hex>.sig|att|…` tag. */
  signature: boolean;
  imported: boolean;
  status: Status | null;
  /** Short: the class, and whether the cap cut it. */
  rule: string;
  /** The whole sentence. */
  why: string;
}
export interface RepositoryFacts {
  cap: number;
  total: number;
  importedCount: number;
  signatureTags: number;
  tags: TagFacts[];
  images: Array<{ image: ImageFacts | null; platforms: PlatformTable | null }>;
}
export interface PlatformPull { platform: string; tags: string[]; layerCount: number; bytes: number; bytesIfNotShared: number }
export interface StreamTagFacts {
  tag: string;
  state: 'added' | 'changed' | 'unchanged';
  failed: boolean;
  changes: string[];
  spec: TagReference | null;
  status: NamedTagEventList | null;
}
export interface ImportFacts {
  images: Array<{ image: ImageFacts | null; platforms: PlatformTable | null }>;
  repository: RepositoryFacts | null;
  pulls: PlatformPull[];
  stream: { tags: StreamTagFacts[]; changedCount: number; againstCurrent: boolean } | null;
}

/** A request that ended without an answer; `hidden`: the browser would not say why (CORS, connection, TLS, mixed content). */
export interface RequestFailure { method: string; url: string; message: string; hidden: boolean }

/**
 * What a browser can learn about a registry it could not read, with one no-cors GET of /v2/:
 * "reachable" (it answered: no CORS headers), "unreachable", or "blocked" (HTTP from an HTTPS page).
 */
export function probeRegistry(url: string, options?: { fetch?: FetchLike; timeoutMs?: number; pageProtocol?: string }): Promise<'reachable' | 'unreachable' | 'blocked'>;

/** An image reference split as OpenShift splits it, or upstream's parse error. */
export type ParsedReference =
  | {
      valid: true;
      registry: string;
      namespace: string;
      name: string;
      tag: string;
      id: string;
      /** The reference as written back by upstream's Exact(). */
      exact: string;
      /** Repository path after Docker Hub defaults, e.g. "library/nginx". */
      repository: string;
      /** Registry endpoint, e.g. "https://registry-1.docker.io". */
      registryUrl: string;
      /** Distribution's normalized form (e.g. "docker.io/library/nginx:1"), when it has one. */
      normalized?: string;
    }
  | { valid: false; error: string };

/** What `importPreview` accepts: JSON or (one document of) YAML text, its bytes, or an object. */
export type ImportInput = string | Uint8Array | ArrayBuffer | ArrayBufferView | ImageStreamImport | object;

/** A docker `config.json` (`auths`), or the legacy `.dockercfg` map of registry → entry. */
export interface DockerConfigJson {
  auths?: Record<string, DockerConfigEntry>;
  [field: string]: unknown;
}

export interface DockerConfigEntry {
  /** base64 of `user:password`. */
  auth?: string;
  username?: string;
  password?: string;
  email?: string;
}

/** A `kubernetes.io/dockerconfigjson` (or `kubernetes.io/dockercfg`) Secret, as `oc get secret -o yaml` prints it. */
export interface DockerConfigSecret {
  kind: 'Secret';
  apiVersion?: string;
  metadata?: ObjectMeta;
  type?: 'kubernetes.io/dockerconfigjson' | 'kubernetes.io/dockercfg' | (string & {});
  /** base64: `.dockerconfigjson` or `.dockercfg`. */
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** The subset of `fetch` the import uses (the global fetch, undici's, a test double …). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** An accepted import: the ImageStreamImport the server answers, with its status. */
export interface ImportedImageStreamImport extends ImageStreamImport {
  kind: 'ImageStreamImport';
  apiVersion: string;
  metadata: ObjectMeta;
  status: ImageStreamImportStatus;
}

/** A refused import: the Status the server answers (400/413 BadRequest, 422 Invalid, 500 InternalError). */
export interface ImportRefusal extends Status {
  kind: 'Status';
  status: 'Failure';
  code: number;
  reason: string;
  message: string;
}

export type ImportResult = ImportedImageStreamImport | ImportRefusal;

/** Instantiates the core (a new, independent instance per call). */
export function load(options?: LoadOptions): Promise<Isimport>;
