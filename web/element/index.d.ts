// Types of isimport/element (web/element/index.js). Written by hand, as web/lib/api.d.ts.
import type { ImageStream, ImportProgress, ImportResult, ValidateResult, DockerConfigJson, DockerConfigSecret, FetchLike } from 'isimport';

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
  /** Cancels a running import; `done` still comes. */
  cancel(): void;
  addEventListener(type: 'validate', listener: (event: IsimportValidateEvent) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: 'progress', listener: (event: IsimportProgressEvent) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: 'done', listener: (event: IsimportDoneEvent) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'isimport-preview': IsimportPreview;
  }
}
