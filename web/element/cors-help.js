// <isi-cors-help>: when the browser hid a registry's answers (a fetch that fails with a bare
// TypeError), says so plainly: which registry, what a probe found (it answered without CORS
// headers, it could not be reached, or the page's HTTPS blocks plain HTTP), the headers the
// registry must send, the one line of Distribution config that sends them, and the proxy prefix.

import { h, replaceChildren } from './dom.js';
import { partEvent } from './events.js';

const EXPOSE = 'WWW-Authenticate, Docker-Distribution-API-Version, Content-Type, Link, Content-Length, Docker-Content-Digest';

/** Distribution's http.headers as one line of its config.yml. */
export const DISTRIBUTION_CORS_LINE =
  `http: {headers: {Access-Control-Allow-Origin: ['*'], Access-Control-Allow-Methods: ['GET, HEAD, OPTIONS'], Access-Control-Allow-Headers: ['Authorization, Accept'], Access-Control-Expose-Headers: ['${EXPOSE}']}}`;

const FINDINGS = {
  reachable: 'It answered, but without the CORS headers a browser needs, so the browser hid the answer from this page.',
  unreachable: 'This browser could not reach it at all (connection refused, unknown host, a TLS error, or a CORS preflight it refused).',
  blocked: 'This page is served over HTTPS and the registry is plain HTTP: browsers block such requests (mixed content).',
};

/**
 * What the browser hid: per registry origin, how many requests failed without an answer the page
 * may read and what a probe found ('probing' until it is done).
 * @typedef {object} CorsModel
 * @property {Array<{ origin: string, requests: number, probe: 'reachable' | 'unreachable' | 'blocked' | 'probing' }>} origins
 * @property {string} pageOrigin
 * @property {string} proxyHint the page's own proxy prefix, offered as a fix ('' for none)
 * @property {string} [proxyPrefix] the prefix the import used
 */

export class CorsHelp extends HTMLElement {
  /**
   * {origins: [{origin, probe: 'reachable'|'unreachable'|'blocked'|'probing', requests}], pageOrigin, proxyHint, proxyPrefix}
   * @param {CorsModel | null} m null: nothing to explain (hidden)
   */
  set model(m) {
    if (!m || m.origins.length === 0) {
      this.hidden = true;
      this.replaceChildren();
      return;
    }
    this.hidden = false;
    this.className = 'card cors';
    this.setAttribute('role', 'alert');
    replaceChildren(this,
      h('header', {}, h('h3', { text: 'The browser blocked some registry requests' })),
      m.origins.map((o) => h('section', { class: 'cors-origin' },
        h('p', {},
          h('strong', { text: o.origin }), ': ',
          h('span', { text: `${o.requests} request${o.requests === 1 ? '' : 's'} failed without an answer the page may read. ` }),
          h('span', { text: o.probe === 'probing' ? 'Checking whether it is reachable…' : FINDINGS[o.probe] ?? '' })))),
      m.proxyPrefix
        ? h('p', { text: `These requests went through the proxy prefix ${m.proxyPrefix}: the proxy itself could not reach the registry, or does not proxy it.` })
        : null,
      h('p', { text: `For a browser to read a registry, the registry must answer with Access-Control-Allow-Origin: ${m.pageOrigin || '*'} (or *), Access-Control-Allow-Headers: Authorization, Accept, and Access-Control-Expose-Headers: ${EXPOSE}.` }),
      h('p', { text: 'For Distribution (docker-registry), this line in its config.yml sends them:' }),
      h('pre', { class: 'mono block', text: DISTRIBUTION_CORS_LINE }),
      h('p', { class: 'muted', text: 'A registry that requires a login answers the browser\u2019s preflight with 401 (Distribution does), so it can only be read through a proxy.' }),
      m.proxyHint && m.proxyHint !== m.proxyPrefix
        ? h('p', {},
          h('span', { text: 'Or send the requests through a proxy. Served by npm start, this page has one for the registries it was started with: ' }),
          h('button', { type: 'button', class: 'secondary', text: `Use ${m.proxyHint} and import again`, on: { click: () => this.dispatchEvent(partEvent('use-proxy', { prefix: m.proxyHint })) } }))
        : null);
  }
}
