// Types of isimport/element (web/element/index.js). Written by hand, as web/lib/api.d.ts.
import type { ImageStream, ImportProgress, ImportResult, ValidateResult, DockerConfigJson, DockerConfigSecret, FetchLike, SupplyChain } from 'isimport';

/** After every validation of the spec: the JS API's validate() result. */
export class IsimportValidateEvent extends Event {
  readonly detail: ValidateResult;
}
/** While an import runs: importPreview()'s progress. */
export class IsimportProgressEvent extends Event {
  readonly detail: ImportProgress;
}
/** When an import ends (also when cancelled): importPreview()'s answer. */
export class IsimportDoneEvent extends Event {
  readonly detail: ImportResult;
}

/** When a supply-chain run ends with an answer (also when cancelled): supplyChain()'s answer. */
export class IsimportSupplyChainEvent extends Event {
  readonly detail: SupplyChain;
}

/**
 * <isimport-preview spec="…" proxy-prefix="…" concurrency="6" platform="linux/amd64" readonly>
 * Edits an ImageStreamImport, validates it as the API server would while it is typed, imports it
 * from the browser and shows the answer. Styles live in its shadow root; theme it with --isi-*.
 */
export class IsimportPreview extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The spec's text (YAML or JSON). */
  spec: string;
  /** The last validation. */
  readonly validation: ValidateResult | null;
  /**
   * The answer shown: the last import's, or one set here — any ImageStreamImport answer (from
   * importPreview() or from a cluster's `imagestreamimports` API), rendered without fetching.
   */
  get result(): ImportResult | null;
  set result(value: ImportResult | null | undefined);
  /** Credentials an embedding page supplies; never rendered or stored. null or undefined: none. */
  set credentials(value: DockerConfigJson | DockerConfigSecret | string | null | undefined);
  /** The current ImageStream, for `import: true`. null or undefined: a new one. */
  set currentImageStream(value: ImageStream | string | null | undefined);
  /** The fetch the import uses (default: the page's). */
  set fetch(value: FetchLike | undefined);
  /** Imports the current spec; null when it cannot start (invalid spec, already running). */
  import(): Promise<ImportResult | null>;
  /**
   * Public keys (PEM `PUBLIC KEY`) for the supply-chain run, beside those typed in the element;
   * never rendered or stored. null or undefined: none.
   */
  set publicKeys(value: string[] | null | undefined);
  /**
   * ClusterImagePolicy / ImagePolicy objects (config.openshift.io/v1) or their texts (YAML, JSON,
   * Lists) for the supply-chain run, beside those typed in the element; never rendered or stored.
   */
  set imagePolicies(value: Array<object | string> | null | undefined);
  /** The last supply-chain run's answer while the answer it is about is shown; else null. */
  readonly supply: SupplyChain | null;
  /**
   * Looks up what vouches for each image of the answer shown — an import's or one set as `result`
   * (isi.supplyChain(), docs/supply-chain.md): signatures, attestations and SBOMs beside each
   * digest, signatures checked with the keys given, the policies' decisions; shown in each card.
   * Uses the registry access of the import that made the answer (fetch, credentials, proxy
   * prefix), or the element's settings for an answer set from outside. Resolves to the answer;
   * null when it cannot start (no answer, already running) or a key or policy is refused (said
   * in the element).
   */
  supplyChain(): Promise<SupplyChain | null>;
  /** Cancels a running import (`done` still comes) and a running supply-chain run. */
  cancel(): void;
  addEventListener(type: 'validate', listener: (event: IsimportValidateEvent) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: 'progress', listener: (event: IsimportProgressEvent) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: 'done', listener: (event: IsimportDoneEvent) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: 'supplychain', listener: (event: IsimportSupplyChainEvent) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'isimport-preview': IsimportPreview;
  }
}
