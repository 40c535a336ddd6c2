// The words and badges the supply-chain parts use for the answer's enumerations. One place, so
// that "verified" is said only of `verification.state === 'verified'`, and a failed check reads
// as a warning everywhere.

import { h } from './dom.js';

/** @typedef {import('../lib/api.js').SupplyArtifact} Artifact */
/** @typedef {import('../lib/api.js').PolicyDecision} PolicyDecision */

/** @type {Record<Artifact['verification']['state'], { text: string, badge: string }>} */
const STATES = {
  verified: { text: 'Verified', badge: 'badge ok' },
  failed: { text: 'Failed', badge: 'badge warn' },
  unverified: { text: 'Unverified', badge: 'badge neutral' },
};

/** @type {Record<PolicyDecision['decision'], { text: string, badge: string }>} */
const DECISIONS = {
  admit: { text: 'Admit', badge: 'badge ok' },
  deny: { text: 'Deny', badge: 'badge bad' },
  'not-evaluated': { text: 'Not evaluated', badge: 'badge warn' },
};

/** @type {Record<Artifact['kind'], string>} */
export const KIND_HEADINGS = { signature: 'Signatures', attestation: 'Attestations', sbom: 'SBOMs', other: 'Other artifacts' };

/** @type {Record<Artifact['format'], string>} */
const FORMATS = {
  cosign: 'cosign', 'sigstore-bundle': 'sigstore bundle', notation: 'Notation', 'in-toto': 'in-toto', spdx: 'SPDX',
  cyclonedx: 'CycloneDX', buildkit: 'BuildKit', unknown: 'unknown format',
};

/** @type {Record<Artifact['foundBy'], string>} */
const FOUND_BY = {
  referrers: 'the referrers API', 'referrers-tag': 'the referrers tag', 'cosign-tag': 'cosign\u2019s tag', index: 'the image index (BuildKit)',
};

/**
 * The badge of a verification state, in words.
 * @param {Artifact['verification']['state']} state
 */
export function stateBadge(state) {
  const s = STATES[state] ?? { text: String(state), badge: 'badge neutral' };
  return h('span', { class: s.badge, text: s.text });
}

/**
 * The badge of a policy decision, in words.
 * @param {PolicyDecision['decision']} decision
 */
export function decisionBadge(decision) {
  const d = DECISIONS[decision] ?? { text: String(decision), badge: 'badge neutral' };
  return h('span', { class: d.badge, text: d.text });
}

/** @param {Artifact['format']} format */
export const formatName = (format) => FORMATS[format] ?? format;

/** @param {Artifact['foundBy']} foundBy */
export const foundByName = (foundBy) => FOUND_BY[foundBy] ?? foundBy;

/**
 * A predicate type as people say it (the URI itself is shown beside it).
 * @param {string} predicateType
 */
export function predicateName(predicateType) {
  if (/slsa\.dev\/provenance/.test(predicateType)) return 'Provenance';
  if (/spdx\.dev\/Document/i.test(predicateType)) return 'SPDX SBOM';
  if (/cyclonedx/i.test(predicateType)) return 'CycloneDX SBOM';
  if (/cosign\/sign/.test(predicateType)) return 'Signature statement';
  if (/vuln/i.test(predicateType)) return 'Vulnerability scan';
  return 'Statement';
}
