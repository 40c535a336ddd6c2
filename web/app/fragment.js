// The page's state in its URL fragment: `#spec=<base64url of the YAML or JSON, padding optional>`,
// `&run=1` to import at once, `&proxy=<prefix>`. A preview is a link; credentials, public keys and
// image policies never go here (they live in the element's inputs only).

/**
 * The page's state as a fragment holds it; `error` says why its spec could not be read.
 * @typedef {{ spec?: string, run: boolean, proxy?: string, error?: string }} Fragment
 */

/**
 * base64url (no padding) of the text's UTF-8 bytes.
 * @param {string} text
 */
export function encodeSpec(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The text of a base64url (or base64) value, padding optional; throws on anything else.
 * @param {string} value
 */
export function decodeSpec(value) {
  const b64 = value.replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.replace(/=+$/, '').length % 4 === 1) {
    throw new Error('the spec in the link is not base64url');
  }
  const padded = b64.replace(/=+$/, '') + '='.repeat((4 - (b64.replace(/=+$/, '').length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * {spec?, run, proxy?, error?} from a location.hash.
 * @param {string} hash
 * @returns {Fragment}
 */
export function readFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  /** @type {Fragment} */
  const out = { run: params.get('run') === '1' };
  const proxy = params.get('proxy');
  if (proxy !== null) out.proxy = proxy;
  const spec = params.get('spec');
  if (spec !== null) {
    try {
      out.spec = decodeSpec(spec);
    } catch (error) {
      // decodeSpec's Error, atob's DOMException or TextDecoder's TypeError: each an Error.
      out.error = /** @type {Error} */ (error).message;
    }
  }
  return out;
}

/**
 * The fragment for a state (`run` and `proxy` only when given).
 * @param {{ spec: string, run?: boolean, proxy?: string }} state
 */
export function writeFragment({ spec, run, proxy }) {
  const parts = [`spec=${encodeSpec(spec)}`];
  if (run) parts.push('run=1');
  if (proxy) parts.push(`proxy=${encodeURIComponent(proxy)}`);
  return `#${parts.join('&')}`;
}
