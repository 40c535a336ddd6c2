// <isi-repository>: a repository import — the aggregate status, then every tag the registry listed:
// imported (with its status and digest) or cut by the cap (additionalTags), each with the priority
// rule that put it where it is, and signature tags (sha256-….sig) flagged, since they take slots.

import { h, replaceChildren, table } from './dom.js';
import { failureText, ImageCard } from './image-card.js';
import { SupplyChainView } from './supply-chain-view.js';
import { tally } from './supply-model.js';

/** @typedef {import('../lib/api.js').RepositoryImportStatus} RepositoryImportStatus */
/** @typedef {import('../lib/api.js').RepositoryFacts} RepositoryFacts */
/** @typedef {import('./dom.js').TableRow} TableRow */
/** @typedef {import('./supply-chain-view.js').SupplyChainModel} SupplyChainModel */

export class RepositoryView extends HTMLElement {
  /** @type {HTMLDetailsElement | null} */
  #supply = null;

  /**
   * {from, status: RepositoryImportStatus, facts: explain().repository}
   * @param {{ from: string, status: RepositoryImportStatus, facts: RepositoryFacts | null | undefined }} model
   */
  set model({ from, status, facts }) {
    this.#supply = null;
    const ok = status?.status?.status === 'Success';
    const header = h('header', {},
      h('h3', {}, h('span', { text: 'spec.repository' }), h('code', { class: 'mono', text: ` ${from}` })),
      h('span', { class: ok ? 'badge ok' : 'badge bad', text: ok ? 'Success' : 'Failure' }));
    this.className = ok ? 'card ok' : 'card bad';
    if (!facts || (!status.images && !status.additionalTags)) {
      replaceChildren(this, header, ok ? h('p', { class: 'muted', text: 'No tags were listed.' }) : failureText(status.status ?? {}));
      return;
    }
    // A cluster's answer leaves out an empty list (every tag beyond the cap: additionalTags only).
    const images = status.images ?? [];
    const capText = facts.cap === -1 ? 'no cap' : `a cap of ${facts.cap}`;
    const summary = `${facts.importedCount} of ${facts.total} tags imported (${capText}), ${facts.total - facts.importedCount} in additionalTags` +
      (facts.signatureTags ? `; ${facts.signatureTags} signature or attestation tag${facts.signatureTags > 1 ? 's take' : ' takes'} an import slot` : '');
    /** @type {TableRow[]} */
    const rows = [...facts.tags].sort((a, b) => a.position - b.position).map((t) => {
      const entry = t.imported ? images.find((i) => i.tag === t.tag) : null;
      const digest = entry?.image?.metadata?.name ?? '';
      const state = !t.imported ? h('span', { class: 'muted', text: 'not imported' })
        : entry?.status?.status === 'Success' ? h('span', { class: 'badge ok', text: 'Success' })
          : h('span', { class: 'badge bad', text: entry?.status?.reason ?? 'Failure', attrs: { title: entry?.status?.message ?? '' } });
      return {
        className: [t.imported ? 'imported' : 'additional', t.signature ? 'signature' : ''].join(' '),
        cells: [
          t.position >= 0 ? String(t.position + 1) : '',
          h('code', { class: 'mono', text: t.tag }),
          h('span', { attrs: { title: t.why } }, t.rule, t.signature ? h('span', { class: 'warning-text', text: ' · signature/attestation, not an image to run' }) : null),
          state,
          digest ? h('code', { class: 'mono digest', text: digest }) : '',
        ],
      };
    });
    const failures = images.filter((i) => i.status?.status !== 'Success');
    const details = h('details', { class: 'tag-images' }, h('summary', { text: 'Each imported tag: layers, config, platforms' }));
    details.addEventListener('toggle', () => {
      if (!details.open || details.childElementCount > 1) return;
      images.forEach((entry, i) => {
        const card = new ImageCard();
        card.model = { title: `tag ${entry.tag}`, entry, facts: facts.images[i], headingLevel: 4 };
        details.append(card);
      });
    });
    replaceChildren(this,
      header,
      ok ? null : failureText(status.status ?? {}),
      h('p', { class: 'note', text: summary }),
      h('p', { class: 'muted', text: 'OpenShift\u2019s order: latest; then X.Y versions, newest first; then full semantic versions, newest first; then every other tag in byte order. The first tags up to the cap are imported.' }),
      failures.map((f) => h('div', { class: 'tag-failure' }, h('code', { class: 'mono', text: f.tag }), failureText(f.status ?? {}))),
      table(['#', 'Tag', 'Rule', 'Status', 'Digest'], rows, { caption: 'Tags in priority order', className: 'tags' }),
      details);
  }

  /**
   * What vouches for each imported tag, in a section of its own after the tags (closed: a
   * repository has many); null removes it.
   * @param {SupplyChainModel | null} model its subjects are the tags' (status.repository.images[k])
   */
  set supply(model) {
    this.#supply?.remove();
    this.#supply = null;
    if (!model) return;
    const view = new SupplyChainView();
    view.model = model;
    const counts = tally({ subjects: model.subjects, errors: [] });
    const denied = model.subjects.filter((s) => s.policy?.decision === 'deny').length;
    const summary = `Supply chain of the ${counts.subjects} imported tag${counts.subjects === 1 ? '' : 's'}: ${counts.artifacts} artifact${counts.artifacts === 1 ? '' : 's'}` +
      ` (${counts.verified} verified, ${counts.failed} failed, ${counts.unverified} unverified)${denied ? `; ${denied} denied by policy` : ''}`;
    this.#supply = h('details', { class: 'tag-supply' }, h('summary', { text: summary }), view);
    this.append(this.#supply);
  }
}
