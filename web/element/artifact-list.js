// <isi-artifact-list>: what was found beside one digest, grouped by kind — signatures with their
// state in words, the key (shortened; whole in its title) and the reason; attestations by
// predicate type, with a provenance's builder and source; SBOMs with their document name and
// package count — each with the format and where it was found.

import { facts, h, replaceChildren } from './dom.js';
import { shortDigest, shortFingerprint } from './supply-model.js';
import { foundByName, formatName, KIND_HEADINGS, predicateName, stateBadge } from './supply-words.js';

/** @typedef {import('../lib/api.js').SupplyArtifact} Artifact */
/** @typedef {import('./dom.js').Child} Child */

export class ArtifactList extends HTMLElement {
  /**
   * {artifacts, headingLevel: the level of each kind's heading}
   * @param {{ artifacts: Artifact[], headingLevel: 4 | 5 | 6 }} model
   */
  set model({ artifacts, headingLevel }) {
    const kinds = /** @type {Array<Artifact['kind']>} */ (['signature', 'attestation', 'sbom', 'other']);
    replaceChildren(this, kinds.map((kind) => {
      const found = artifacts.filter((a) => a.kind === kind);
      if (!found.length) return null;
      return [
        h(`h${headingLevel}`, { class: 'artifact-kind', text: `${KIND_HEADINGS[kind]} (${found.length})` }),
        h('ul', { class: 'artifacts' }, found.map(artifactItem)),
      ];
    }));
  }
}

/** @param {Artifact} a */
function artifactItem(a) {
  const v = a.verification;
  const title = a.predicateType ? `${predicateName(a.predicateType)} (${formatName(a.format)})` : `${formatName(a.format)} ${a.kind === 'sbom' ? 'SBOM' : a.kind}`;
  /** @type {Array<[string, Child]>} */
  const rows = [];
  if (v.key) rows.push([v.state === 'verified' ? 'Signed with' : 'Key', h('code', { class: 'mono key', text: shortFingerprint(v.key), attrs: { title: v.key } })]);
  if (a.predicateType) rows.push(['Predicate', h('code', { class: 'mono', text: a.predicateType })]);
  if (a.summary?.builder) rows.push(['Builder', h('code', { class: 'mono', text: a.summary.builder })]);
  if (a.summary?.source) rows.push(['Source', h('code', { class: 'mono', text: a.summary.source })]);
  if (a.summary?.name !== undefined) rows.push(['Document', a.summary.name]);
  if (a.summary?.packages !== undefined) rows.push(['Packages', `${a.summary.packages} package${a.summary.packages === 1 ? '' : 's'}`]);
  rows.push(['Found by', foundByName(a.foundBy)]);
  rows.push(['Digest', h('code', { class: 'mono digest', text: shortDigest(a.digest), attrs: { title: `${a.digest} (${a.mediaType})` } })]);
  return h('li', { class: ['artifact', v.state] },
    h('div', { class: 'artifact-head' }, stateBadge(v.state), ' ', h('strong', { text: title })),
    h('p', { class: v.state === 'failed' ? 'reason warning-text' : 'reason', text: v.reason }),
    facts(rows));
}
