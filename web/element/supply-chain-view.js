// <isi-supply-chain>: the supply chain of one card's images — for each subject (an image, each
// entry of a list kept whole, each tag of a repository), the image policy's decision with its
// reason and the policy's kind, name and scope; what was found beside its digest
// (<isi-artifact-list>); and the lookup's errors about it.

import { h, replaceChildren, uid } from './dom.js';
import { ArtifactList } from './artifact-list.js';
import { errorsOf, shortDigest } from './supply-model.js';
import { decisionBadge } from './supply-words.js';

/** @typedef {import('../lib/api.js').SupplySubject} Subject */
/** @typedef {import('../lib/api.js').SupplyError} SupplyError */
/** @typedef {import('../lib/api.js').PolicyDecision} PolicyDecision */
/**
 * The subjects of one card and what the run was given.
 * @typedef {object} SupplyChainModel
 * @property {Subject[]} subjects
 * @property {SupplyError[]} errors the run's errors (each subject shows its own)
 * @property {boolean} policiesGiven whether the run had any image policy (a null decision means
 *   "none governs it" only then)
 * @property {3 | 4} [headingLevel] the level of this part's heading (default 4)
 * @property {(subject: Subject) => string} [label] each subject's name when there are several
 */

export class SupplyChainView extends HTMLElement {
  /** @param {SupplyChainModel} m */
  set model(m) {
    const level = m.headingLevel ?? 4;
    const headingId = uid('supply');
    const several = m.subjects.length > 1;
    const subjectLevel = /** @type {4 | 5 | 6} */ (Math.min(level + 1, 6));
    this.className = 'supply-chain';
    this.setAttribute('role', 'region');
    this.setAttribute('aria-labelledby', headingId);
    replaceChildren(this,
      h(`h${level}`, { id: headingId, text: 'Supply chain' }),
      m.subjects.length === 0 ? h('p', { class: 'muted', text: 'No image here to look beside (a failed import has no digest).' }) : null,
      m.subjects.map((subject) => h('div', { class: 'supply-subject' },
        several ? h(`h${subjectLevel}`, { class: 'subject-name' },
          h('span', { text: m.label?.(subject) ?? subject.platform ?? subject.source }), ' ',
          h('code', { class: 'mono digest', text: shortDigest(subject.digest), attrs: { title: subject.digest } })) : null,
        policyLine(subject.policy, m.policiesGiven),
        subject.artifacts.length
          ? artifacts(subject, /** @type {4 | 5 | 6} */ (Math.min((several ? subjectLevel : level) + 1, 6)))
          : h('p', { class: 'muted', text: 'Nothing found beside this digest: no signature, attestation or SBOM.' }),
        subjectErrors(errorsOf(m.errors, subject)))));
  }
}

/**
 * @param {Subject} subject
 * @param {4 | 5 | 6} level
 */
function artifacts(subject, level) {
  const list = new ArtifactList();
  list.model = { artifacts: subject.artifacts, headingLevel: level };
  return list;
}

/**
 * @param {PolicyDecision | null} policy
 * @param {boolean} policiesGiven
 */
function policyLine(policy, policiesGiven) {
  if (!policy) {
    return h('p', { class: 'policy muted', text: policiesGiven
      ? 'Image policy: none of the policies given has a scope that matches this image (the node\u2019s default policy still applies).'
      : 'Image policy: none given (add ClusterImagePolicy or ImagePolicy objects to see what a node would decide at pull).' });
  }
  return h('div', { class: ['policy', `decision-${policy.decision}`] },
    h('p', {},
      h('strong', { text: 'Image policy: ' }), decisionBadge(policy.decision), ' ',
      h('span', { text: `${policy.kind} ${policy.name}` }), ' ',
      h('span', { class: 'muted' }, 'scope ', h('code', { class: 'mono', text: policy.scope }))),
    h('p', { class: 'reason server-text', text: policy.reason }));
}

/** @param {SupplyError[]} errors */
function subjectErrors(errors) {
  if (!errors.length) return null;
  return h('ul', { class: 'diagnostics' }, errors.map((e) => h('li', { class: 'warning' }, h('span', { class: 'server-text', text: e.message }))));
}
