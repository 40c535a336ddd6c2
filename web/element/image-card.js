// <isi-image-card>: one imported image as the server answered it — Success or Failure with the
// server's reason and message; the digest, pull spec, media type, created date and architecture;
// for a list kept whole, its platform table with the entry Legacy mode would take; the layers with
// their shares; and what the image config says.

import { imageFacts } from '../lib/explain.js';
import { copyable, facts, formatBytes, formatPercent, h, replaceChildren, table } from './dom.js';
import { SupplyChainView } from './supply-chain-view.js';

/** @typedef {import('../lib/api.js').Status} Status */
/** @typedef {import('../lib/api.js').Image} Image */
/** @typedef {import('../lib/api.js').ImageImportStatus} ImageImportStatus */
/** @typedef {import('../lib/api.js').ImageFacts} ImageFacts */
/** @typedef {import('../lib/api.js').ConfigFacts} ConfigFacts */
/** @typedef {import('../lib/api.js').PlatformTable} PlatformTable */
/** @typedef {import('./dom.js').TableRow} TableRow */
/** @typedef {import('./supply-chain-view.js').SupplyChainModel} SupplyChainModel */
/**
 * One image of an answer, and what explain() says of it.
 * @typedef {object} ImageCardModel
 * @property {string} title
 * @property {string} [from] the spec's pull spec
 * @property {string} [to] the spec's tag
 * @property {ImageImportStatus} entry the answer's status of the image
 * @property {{ image: ImageFacts | null, platforms: PlatformTable | null }} [facts] explain()'s
 * @property {3 | 4} [headingLevel] default 3
 */

export class ImageCard extends HTMLElement {
  /** @type {SupplyChainView | null} */
  #supply = null;

  /**
   * {title, from, to, entry: ImageImportStatus, facts: {image, platforms} (explain()), headingLevel}
   * @param {ImageCardModel} m
   */
  set model(m) {
    const ok = m.entry?.status?.status === 'Success';
    const status = m.entry?.status ?? {};
    const heading = h(`h${m.headingLevel ?? 3}`, {},
      h('span', { text: m.title }),
      m.from ? h('code', { class: 'mono', text: ` ${m.from}` }) : null,
      m.to ? h('span', { class: 'muted', text: ` → tag ${m.to}` }) : null);
    this.className = ok ? 'card ok' : 'card bad';
    replaceChildren(this,
      h('header', {}, heading, h('span', { class: ok ? 'badge ok' : 'badge bad', text: ok ? 'Success' : status.status ?? 'Failure' })),
      ok ? null : failureText(status),
      m.entry?.image && m.facts?.image ? imageBody(m.entry, m.facts.image, m.facts.platforms) : null);
    this.#supply = null;
  }

  /**
   * What vouches for this image (and each entry of a list kept whole), last in the card; null
   * removes it (a new answer, a run that did not finish).
   * @param {SupplyChainModel | null} model
   */
  set supply(model) {
    if (!model) {
      this.#supply?.remove();
      this.#supply = null;
      return;
    }
    this.#supply ??= this.appendChild(new SupplyChainView());
    this.#supply.model = model;
  }
}

/**
 * A failed status in the server's words: reason (code): message.
 * @param {Status} status
 */
export function failureText(status) {
  return h('p', { class: 'failure' },
    h('strong', { text: [status.reason, status.code].filter((x) => x !== undefined && x !== '').join(' ') || 'Failure' }), ': ',
    h('span', { class: 'server-text', text: status.message ?? '(no message)' }));
}

/**
 * @param {ImageImportStatus} entry
 * @param {ImageFacts} image
 * @param {PlatformTable | null} platforms
 */
function imageBody(entry, image, platforms) {
  const manifests = entry.manifests ?? [];
  return [
    facts([
      ['Digest', copyable(image.digest, 'digest')],
      ['Pull spec', image.pullSpec ? copyable(image.pullSpec, 'pull spec') : ''],
      ['Source tag', entry.tag ?? ''],
      ['Media type', image.mediaType],
      ['Created', image.created ?? ''],
      ['Architecture', image.architecture],
      ['Size', image.isList ? '' : `${formatBytes(image.size)} (${image.size} bytes: config and distinct layers, compressed)`],
    ]),
    platforms ? platformSection(platforms) : null,
    image.isList ? null : layersSection(image),
    image.isList ? null : configSection(image.config),
    manifests.length ? h('div', { class: 'children' }, manifests.map((child, k) => childDetails(child, k, platforms))) : null,
  ];
}

/** @param {PlatformTable} platforms */
function platformSection({ rows, legacy }) {
  return h('section', { class: 'platforms' },
    h('h4', { text: `Platforms (${rows.length})` }),
    table(['Platform', 'Digest', 'Compressed size', 'Layers', 'Legacy mode'], rows.map((r) => ({
      className: r.legacy ? 'legacy' : '',
      cells: [
        [r.os, r.architecture, r.variant].filter(Boolean).join('/') + (r.attestation ? ' (attestation)' : ''),
        h('code', { class: 'mono digest', text: r.digest }),
        r.compressedSize === null ? '' : formatBytes(r.compressedSize),
        r.layerCount === null ? '' : String(r.layerCount),
        r.legacy ? h('strong', { text: 'imports this one' }) : '',
      ],
    })), { caption: 'Every entry of the list; the marked one is what Legacy mode would import instead' }),
    h('p', { class: 'note', text: legacy.reason }));
}

/** @param {ImageFacts} image */
function layersSection(image) {
  /** @type {TableRow[]} */
  const rows = image.layers.map((layer, i) => [
    String(i + 1),
    h('code', { class: 'mono digest', text: layer.digest }),
    layer.repeat ? 'again (counted once)' : formatBytes(layer.size),
    layer.repeat ? '' : h('span', { class: 'share' }, h('meter', { min: 0, max: 1, value: layer.share, attrs: { 'aria-label': `share of layer ${i + 1}` } }), ` ${formatPercent(layer.share)}`),
    layer.mediaType ?? '',
  ]);
  rows.push({ className: 'total', cells: ['', 'Total', formatBytes(image.layerBytes), '100%', `+ config ${formatBytes(image.configBytes)}`] });
  return h('details', { class: 'layers' },
    h('summary', { text: `Layers (${image.layers.length}), ${formatBytes(image.layerBytes)}` }),
    table(['#', 'Digest', 'Size', 'Share', 'Media type'], rows));
}

/** @param {ConfigFacts} c */
function configSection(c) {
  const list = (/** @type {string[]} */ items) => (items.length ? h('ul', { class: 'plain' }, items.map((x) => h('li', {}, h('code', { class: 'mono', text: x })))) : '');
  const argv = (/** @type {string[] | null} */ v) => (Array.isArray(v) ? h('code', { class: 'mono', text: JSON.stringify(v) }) : '');
  const user = c.runsAsRoot
    ? h('span', { class: 'warning-text', text: c.user === '' ? 'root: the image sets no USER (OpenShift\u2019s restricted SCC runs it as a random UID; other clusters run it as root)' : `${c.user}: runs as root` })
    : c.user;
  return h('details', { class: 'config', open: true },
    h('summary', { text: 'Image config' }),
    facts([
      ['Entrypoint', argv(c.entrypoint)],
      ['Cmd', argv(c.cmd)],
      ['User', user],
      ['Working dir', c.workingDir],
      ['Exposed ports', list(c.exposedPorts)],
      ['Volumes', list(c.volumes)],
      ['Env', list(c.env)],
    ]),
    c.labels.length ? table(['Label', 'Value'], c.labels.map(([k, v]) => [h('code', { class: 'mono', text: k }), h('span', { class: 'label-value', text: String(v) })]), { caption: 'Labels' }) : null);
}

/**
 * @param {Image} child an entry of a list kept whole
 * @param {number} k its index
 * @param {PlatformTable | null} platforms
 */
function childDetails(child, k, platforms) {
  const row = platforms?.rows?.[k];
  const name = row ? [row.os, row.architecture, row.variant].filter(Boolean).join('/') : `manifests[${k}]`;
  const card = h('div', { class: 'child' });
  const details = h('details', { class: 'child-image' }, h('summary', { text: `${name}: layers and config` }), card);
  // Built when first opened: an index of many platforms stays light.
  details.addEventListener('toggle', () => {
    if (!details.open || card.childElementCount) return;
    const childFacts = imageFacts(child);
    replaceChildren(card, layersSection(childFacts), configSection(childFacts.config));
  });
  return details;
}
