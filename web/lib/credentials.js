// importPreview()'s `credentials` → what the core reads: a docker config.json or a legacy
// .dockercfg, as text. Accepted: the config itself (object, JSON text or bytes), or a
// kubernetes.io/dockerconfigjson (or dockercfg) Secret (object, or JSON or YAML text as
// `oc get secret -o yaml` prints it) whose data is base64. Nothing here keeps or logs them.

import { looksLikeJson } from './documents.js';
import { isTextLike } from './input.js';

/**
 * @param {unknown} credentials
 * @param {(input: string) => {json: string, status?: undefined} | {status: import('./api.js').Status}} readSecret
 *   reads one YAML (or JSON) document of kind Secret
 * @returns {string | object} the config for the core (text is passed on as it is)
 */
export function dockerConfigOf(credentials, readSecret) {
  let object = credentials;
  if (isTextLike(credentials)) {
    const text = typeof credentials === 'string' ? credentials : new TextDecoder().decode(/** @type {ArrayBuffer | ArrayBufferView} */ (credentials));
    if (looksLikeJson(text)) {
      try {
        object = JSON.parse(text);
      } catch {
        return text; // the core reports the JSON error as Go's decoder words it
      }
      if (/** @type {{kind?: unknown}} */ (object)?.kind !== 'Secret') return text;
    } else {
      const doc = readSecret(text);
      if (doc.status) throw new TypeError(`isimport: credentials: ${doc.status.message}`);
      object = JSON.parse(doc.json);
    }
  }
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    throw new TypeError('isimport: credentials must be a docker config.json (object or text) or a kubernetes.io/dockerconfigjson Secret');
  }
  const secret = /** @type {{kind?: unknown, data?: Record<string, unknown>, stringData?: Record<string, unknown>, metadata?: {name?: unknown}}} */ (object);
  if (secret.kind !== 'Secret') return object;
  for (const key of ['.dockerconfigjson', '.dockercfg']) {
    const plain = secret.stringData?.[key];
    if (typeof plain === 'string') return plain;
    const encoded = secret.data?.[key];
    if (typeof encoded === 'string') {
      const text = base64Text(encoded);
      if (text === null) throw new TypeError(`isimport: credentials: the Secret's data[${JSON.stringify(key)}] is not valid base64`);
      return text;
    }
  }
  const name = secret.metadata?.name ? ` ${JSON.stringify(secret.metadata.name)}` : '';
  throw new TypeError(`isimport: credentials: the Secret${name} has no data[".dockerconfigjson"] (type kubernetes.io/dockerconfigjson) or data[".dockercfg"]`);
}

/**
 * Standard base64 (line breaks allowed, as `oc` prints long values) → UTF-8 text, or null.
 * @param {string} encoded
 */
function base64Text(encoded) {
  const clean = encoded.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  let binary;
  try {
    binary = atob(clean);
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
