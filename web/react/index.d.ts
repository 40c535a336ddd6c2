// Types of isimport/react (web/react/index.js). Written by hand, as web/element/index.d.ts; they
// name no React type, so that a consumer without @types/react still type-checks.
import type { ImageStream, ImportProgress, ImportResult, ValidateResult, DockerConfigJson, DockerConfigSecret } from 'isimport';
import type { IsimportDoneEvent, IsimportPreview as IsimportPreviewElement, IsimportProgressEvent, IsimportValidateEvent } from 'isimport/element';

export interface IsimportPreviewProps {
  /** The spec: YAML or JSON text (an object is shown as JSON). Set when it changes. */
  spec?: string | object;
  /** The control plane's platform, `os/arch[/variant]`, for Legacy list selection. */
  platform?: string;
  /** Prefix for every registry request (for registries without CORS headers). */
  proxyPrefix?: string;
  /** Requests at once (default: the core's, docs/options.md). */
  concurrency?: number;
  /** The spec cannot be edited; Import still works. */
  readOnly?: boolean;
  /** A docker config.json or a dockerconfigjson Secret (object or text); never rendered or stored. */
  credentials?: DockerConfigJson | DockerConfigSecret | string | null;
  /** The current ImageStream, for `import: true`. */
  currentImageStream?: ImageStream | string | null;
  /** An answer to show without fetching: importPreview()'s, or a cluster's. null clears it. */
  result?: ImportResult | null;
  /** After every validation of the spec. */
  onValidate?: (result: ValidateResult, event: IsimportValidateEvent) => void;
  /** While an import runs. */
  onProgress?: (progress: ImportProgress, event: IsimportProgressEvent) => void;
  /** When an import ends (also when cancelled). */
  onDone?: (answer: ImportResult, event: IsimportDoneEvent) => void;
  className?: string;
  style?: Record<string, string | number>;
  id?: string;
  /** Receives the <isimport-preview> element (a ref object or callback). */
  ref?: { current: IsimportPreviewElement | null } | ((element: IsimportPreviewElement | null) => void) | null;
}

/** <isimport-preview> as a React component (React 17, 18, 19). */
export declare const IsimportPreview: (props: IsimportPreviewProps) => any;
