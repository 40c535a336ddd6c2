// The Kubernetes / OpenShift object model (image.openshift.io/v1) as JSON: one interface per
// type of the C++ model. GENERATED from its field lists (wasm/model/*.h) by
//   build/native/schema_gen   (tests/tools/schema_gen.cpp)
// Do not edit by hand: tests/wasm/json/schema_test.cpp fails when this file differs from the
// generator's output. `?`: the field is `omitempty` (on a kind: not required from a client);
// `| null`: the JSON can hold null there. web/lib/api.d.ts re-exports these types.

/** metav1.Time as JSON: RFC 3339 in UTC with whole seconds, e.g. "2024-01-02T03:04:05Z". */
export type Time = string;

/** v1.ImageStreamImport, the kind ImageStreamImport (image.openshift.io/v1). */
export interface ImageStreamImport {
  kind?: 'ImageStreamImport';
  apiVersion?: string;
  metadata?: ObjectMeta;
  spec: ImageStreamImportSpec;
  status?: ImageStreamImportStatus;
}

/** v1.ObjectMeta. */
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
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
}

/** v1.OwnerReference. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** v1.ManagedFieldsEntry. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: Time;
  fieldsType?: string;
  fieldsV1?: unknown;
  subresource?: string;
}

/** v1.ImageStreamImportSpec. */
export interface ImageStreamImportSpec {
  import: boolean;
  repository?: RepositoryImportSpec;
  images?: ImageImportSpec[];
}

/** v1.RepositoryImportSpec. */
export interface RepositoryImportSpec {
  from: ObjectReference;
  importPolicy?: TagImportPolicy;
  referencePolicy?: TagReferencePolicy;
  includeManifest?: boolean;
}

/** v1.ObjectReference. */
export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** v1.TagImportPolicy. */
export interface TagImportPolicy {
  insecure?: boolean;
  scheduled?: boolean;
  importMode?: string;
}

/** v1.TagReferencePolicy. */
export interface TagReferencePolicy {
  type: string;
}

/** v1.ImageImportSpec. */
export interface ImageImportSpec {
  from: ObjectReference;
  to?: LocalObjectReference;
  importPolicy?: TagImportPolicy;
  referencePolicy?: TagReferencePolicy;
  includeManifest?: boolean;
}

/** v1.LocalObjectReference. */
export interface LocalObjectReference {
  name?: string;
}

/** v1.ImageStreamImportStatus. */
export interface ImageStreamImportStatus {
  import?: ImageStream;
  repository?: RepositoryImportStatus;
  images?: ImageImportStatus[];
}

/** v1.ImageStream, the kind ImageStream (image.openshift.io/v1). */
export interface ImageStream {
  kind?: 'ImageStream';
  apiVersion?: string;
  metadata?: ObjectMeta;
  spec?: ImageStreamSpec;
  status?: ImageStreamStatus;
}

/** v1.ImageStreamSpec. */
export interface ImageStreamSpec {
  lookupPolicy?: ImageLookupPolicy;
  dockerImageRepository?: string;
  tags?: TagReference[];
}

/** v1.ImageLookupPolicy. */
export interface ImageLookupPolicy {
  local: boolean;
}

/** v1.TagReference. */
export interface TagReference {
  name: string;
  annotations: Record<string, string> | null;
  from?: ObjectReference;
  reference?: boolean;
  generation: number | null;
  importPolicy?: TagImportPolicy;
  referencePolicy?: TagReferencePolicy;
}

/** v1.ImageStreamStatus. */
export interface ImageStreamStatus {
  dockerImageRepository: string;
  publicDockerImageRepository?: string;
  tags?: NamedTagEventList[];
}

/** v1.NamedTagEventList. */
export interface NamedTagEventList {
  tag: string;
  items: TagEvent[] | null;
  conditions?: TagEventCondition[];
}

/** v1.TagEvent. */
export interface TagEvent {
  created: Time | null;
  dockerImageReference: string;
  image: string;
  generation: number;
}

/** v1.TagEventCondition. */
export interface TagEventCondition {
  type: string;
  status: string;
  lastTransitionTime?: Time | null;
  reason?: string;
  message?: string;
  generation: number;
}

/** v1.RepositoryImportStatus. */
export interface RepositoryImportStatus {
  status?: Status;
  images?: ImageImportStatus[];
  additionalTags?: string[];
}

/** v1.Status. */
export interface Status {
  kind?: string;
  apiVersion?: string;
  metadata?: ListMeta;
  status?: string;
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code?: number;
}

/** v1.ListMeta. */
export interface ListMeta {
  selfLink?: string;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** v1.StatusDetails. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** v1.StatusCause. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** v1.ImageImportStatus. */
export interface ImageImportStatus {
  status: Status;
  image?: Image;
  tag?: string;
  manifests?: Image[];
}

/** v1.Image, the kind Image (image.openshift.io/v1). */
export interface Image {
  kind?: 'Image';
  apiVersion?: string;
  metadata?: ObjectMeta;
  dockerImageReference?: string;
  dockerImageMetadata?: DockerImage;
  dockerImageMetadataVersion?: string;
  dockerImageManifest?: string;
  dockerImageLayers?: ImageLayer[];
  signatures?: ImageSignature[];
  dockerImageSignatures?: string[];
  dockerImageManifestMediaType?: string;
  dockerImageConfig?: string;
  dockerImageManifests?: ImageManifest[];
}

/** docker10.DockerImage: keys match case-insensitively; unknown keys are dropped. */
export interface DockerImage {
  kind?: string;
  apiVersion?: string;
  Id: string;
  Parent?: string;
  Comment?: string;
  Created?: Time | null;
  Container?: string;
  ContainerConfig?: DockerConfig;
  DockerVersion?: string;
  Author?: string;
  Config?: DockerConfig;
  Architecture?: string;
  Size?: number;
}

/** docker10.DockerConfig: keys match case-insensitively; unknown keys are dropped. */
export interface DockerConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  Memory?: number;
  MemorySwap?: number;
  CpuShares?: number;
  Cpuset?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  PortSpecs?: string[];
  ExposedPorts?: Record<string, Record<string, never>>;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[];
  Cmd?: string[];
  Dns?: string[];
  Image?: string;
  Volumes?: Record<string, Record<string, never>>;
  VolumesFrom?: string;
  WorkingDir?: string;
  Entrypoint?: string[];
  NetworkDisabled?: boolean;
  SecurityOpts?: string[];
  OnBuild?: string[];
  Labels?: Record<string, string>;
}

/** v1.ImageLayer. */
export interface ImageLayer {
  name: string;
  size: number;
  mediaType: string;
}

/** v1.ImageSignature. */
export interface ImageSignature {
  kind?: string;
  apiVersion?: string;
  metadata?: ObjectMeta;
  type: string;
  content: string | null;
  conditions?: SignatureCondition[];
  imageIdentity?: string;
  signedClaims?: Record<string, string>;
  created?: Time;
  issuedBy?: SignatureIssuer;
  issuedTo?: SignatureSubject;
}

/** v1.SignatureCondition. */
export interface SignatureCondition {
  type: string;
  status: string;
  lastProbeTime?: Time | null;
  lastTransitionTime?: Time | null;
  reason?: string;
  message?: string;
}

/** v1.SignatureIssuer. */
export interface SignatureIssuer {
  organization?: string;
  commonName?: string;
}

/** v1.SignatureSubject. */
export interface SignatureSubject {
  organization?: string;
  commonName?: string;
  publicKeyID: string;
}

/** v1.ImageManifest. */
export interface ImageManifest {
  digest: string;
  mediaType: string;
  manifestSize: number;
  architecture: string;
  os: string;
  variant?: string;
}
