// <isi-result>: the answer of an import, read for a person — a summary line, a card per spec image,
// the repository's tags, the ImageStream of `import: true`, what each node pulls, and the export.

import { h, replaceChildren } from './dom.js';
import { failureText, ImageCard } from './image-card.js';
import { RepositoryView } from './repository-view.js';
import { StreamView } from './stream-view.js';
import { PullsView } from './pulls-view.js';
import { ExportView } from './export-view.js';
import { entryIndex, placeSubjects } from './supply-model.js';

/** @typedef {import('../lib/api.js').ImportResult} ImportResult */
/** @typedef {import('../lib/api.js').ImportFacts} ImportFacts */
/** @typedef {import('../lib/api.js').ImageStreamImport} ImageStreamImport */
/** @typedef {import('../lib/api.js').SupplyChain} SupplyChain */
/** @typedef {import('../lib/api.js').SupplySubject} Subject */
/**
 * A supply-chain run of the answer shown: its answer, and whether it had image policies.
 * @typedef {{ chain: SupplyChain, policiesGiven: boolean }} SupplyModel
 */
/**
 * An answer to show, and what explain() says of it.
 * @typedef {object} ResultModel
 * @property {ImportResult | null} answer
 * @property {ImportFacts | null} facts explain()'s (null: the answer without them)
 * @property {ImageStreamImport} [spec] the ImageStreamImport sent, for the export
 * @property {number} [elapsedMs] how long the import took
 * @property {boolean} [cancelled]
 */

export class ResultView extends HTMLElement {
  /** @type {ImageCard[]} one per status.images[i] */
  #cards = [];
  /** @type {RepositoryView | null} */
  #repository = null;
  /** @type {ImageStreamImport | null} the answer the cards show */
  #answer = null;
  /** @type {ImportFacts | null} what explain() said of it */
  #facts = null;

  connectedCallback() {
    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', 'Import result');
    if (!this.childElementCount) this.clear();
  }

  /** @param {string} [message] */
  clear(message = 'Import to see what the cluster would bring: images, platforms, layers, tags.') {
    this.#cards = [];
    this.#repository = null;
    this.#answer = null;
    replaceChildren(this, h('p', { class: 'muted placeholder', text: message }));
  }

  /**
   * {answer, facts: isi.explain(answer), spec: the validated object, elapsedMs, cancelled}
   * @param {ResultModel} model
   */
  set model({ answer, facts, spec, elapsedMs, cancelled }) {
    if (!answer) {
      this.clear();
      return;
    }
    this.#cards = [];
    this.#repository = null;
    this.#answer = null;
    if (answer.kind !== 'ImageStreamImport') {
      const card = h('article', { class: 'card bad' },
        h('header', {}, h('h3', { text: 'The API server would refuse this request' }), h('span', { class: 'badge bad', text: String(answer.code ?? 'Failure') })),
        failureText(answer));
      replaceChildren(this, card);
      return;
    }
    const images = answer.status?.images ?? [];
    const ok = images.filter((i) => i.status?.status === 'Success').length;
    const repo = answer.status?.repository;
    const parts = [`${images.length} image${images.length === 1 ? '' : 's'}: ${ok} imported, ${images.length - ok} failed`];
    if (repo) parts.push(`repository: ${repo.images?.length ?? 0} tags imported, ${repo.additionalTags?.length ?? 0} not`);
    if (elapsedMs !== undefined) parts.push(`${(elapsedMs / 1000).toFixed(1)} s`);
    if (cancelled) parts.push('cancelled');

    const cards = images.map((entry, i) => {
      const card = new ImageCard();
      const specEntry = answer.spec?.images?.[i];
      card.model = { title: `spec.images[${i}]`, from: specEntry?.from?.name, to: specEntry?.to?.name, entry, facts: facts?.images?.[i] };
      return card;
    });
    let repository = null;
    if (repo) {
      repository = new RepositoryView();
      repository.model = { from: answer.spec?.repository?.from?.name ?? '', status: repo, facts: facts?.repository };
    }
    let stream = null;
    if (answer.status?.import && facts?.stream) {
      stream = new StreamView();
      stream.model = { stream: answer.status.import, facts: facts.stream };
    }
    let pulls = null;
    if (facts?.pulls?.length) {
      pulls = new PullsView();
      pulls.model = facts.pulls;
    }
    this.#cards = cards;
    this.#repository = repository;
    this.#answer = answer;
    this.#facts = facts;
    const exporter = new ExportView();
    exporter.model = { answer, spec };

    replaceChildren(this,
      h('p', { class: 'summary', attrs: { role: 'status' }, text: parts.join(' · ') }),
      cards, repository, stream, pulls, exporter);
  }

  /**
   * A supply-chain run of the answer shown, spread over its cards: each image card gets its
   * image's subjects (and its list entries'), the repository its tags'. null removes them.
   * @param {SupplyModel | null} model
   */
  set supply(model) {
    const answer = this.#answer;
    if (!model || !answer) {
      for (const card of this.#cards) card.supply = null;
      if (this.#repository) this.#repository.supply = null;
      return;
    }
    const { chain, policiesGiven } = model;
    const places = placeSubjects(chain, this.#cards.length);
    this.#cards.forEach((card, i) => {
      // An entry's platform as the answer names it; explain()'s table says which are BuildKit's
      // attestation manifests (platform unknown/unknown), which are no image to run.
      const rows = this.#facts?.images?.[i]?.platforms?.rows ?? [];
      const label = (/** @type {Subject} */ s) => {
        const k = entryIndex(s);
        if (k < 0) return 'The manifest list (index)';
        const name = s.platform ?? `manifests[${k}]`;
        return rows[k]?.attestation ? `${name} (attestation manifest)` : name;
      };
      card.supply = { subjects: places.images[i] ?? [], errors: chain.errors, policiesGiven, label };
    });
    if (this.#repository) {
      const tags = answer.status?.repository?.images ?? [];
      const tagOf = (/** @type {Subject} */ s) => {
        const k = /\[(\d+)\]$/.exec(s.source);
        const tag = k ? tags[Number(k[1])]?.tag : undefined;
        return tag ? `tag ${tag}` : s.source;
      };
      this.#repository.supply = { subjects: places.repository, errors: chain.errors, policiesGiven, label: tagOf };
    }
  }
}
