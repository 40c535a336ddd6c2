// What `isimport supply-chain -o text` prints for a person: per image a small tree, as the
// registry tools draw the artifacts hanging off a digest — the image's reference by digest and where
// the answer holds it, one line per artifact (kind, format, where it was found, its verification
// state and key) with its summary and the core's reason indented below, then the policy decision —
// and the lookup errors last. Fingerprints are shortened to 12 hex digits, as short image ids are,
// and named by the --key file they come from when one matches.

import { createHash } from 'node:crypto';

/** @typedef {import('../lib/api.js').SupplyChain} SupplyChain */
/** @typedef {import('../lib/api.js').SupplySubject} SupplySubject */
/** @typedef {import('../lib/api.js').SupplyArtifact} SupplyArtifact */

/**
 * How the report is drawn: `keyNames` maps a key's fingerprint (`SHA256:<hex>`) to the file it
 * came from; `policies` whether policies were given (else no subject's decision is shown);
 * `colour` whether to mark states with ANSI colours (a terminal only).
 * @typedef {{keyNames?: Map<string, string>, policies?: boolean, colour?: boolean}} ReportOptions
 */

/** Where an artifact was found, in words. */
/** @type {Record<SupplyArtifact['foundBy'], string>} */
const FOUND_BY = { referrers: 'referrers API', 'referrers-tag': 'referrers tag', 'cosign-tag': 'cosign tag', index: 'image index' };

/** @type {Record<string, string>} ANSI colours of states and decisions */
const COLOURS = { verified: '32', admit: '32', failed: '31', deny: '31', unverified: '33', 'not-evaluated': '33' };

const FINGERPRINT = /SHA256:[0-9a-f]{64}/g;

/**
 * The fingerprint the core gives a PEM public key: SHA-256 of the SubjectPublicKeyInfo DER the
 * PEM holds (docs/supply-chain.md §9.4); null when the text holds no PUBLIC KEY block.
 * @param {string} pem
 */
export function keyFingerprint(pem) {
  const block = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(pem);
  if (!block) return null;
  const der = Buffer.from(block[1].replace(/\s+/g, ''), 'base64');
  return `SHA256:${createHash('sha256').update(der).digest('hex')}`;
}

/**
 * @param {SupplyChain} result supplyChain()'s answer
 * @param {ReportOptions} [options]
 * @returns {string}
 */
export function reportSupplyChain(result, { keyNames = new Map(), policies = false, colour = false } = {}) {
  /** @param {string} fingerprint */
  const keyLabel = (fingerprint) => {
    const short = fingerprint.slice(0, 'SHA256:'.length + 12);
    const file = keyNames.get(fingerprint);
    return file === undefined ? short : `${short} (${file})`;
  };
  /** @param {string} text a reason of the core's, its fingerprints made readable */
  const readable = (text) => text.replace(FINGERPRINT, keyLabel);
  /** @param {string} word */
  const mark = (word) => (colour && COLOURS[word] ? `\x1b[${COLOURS[word]}m${word}\x1b[0m` : word);

  /** @type {string[]} */
  const lines = [];
  for (const subject of result.subjects) {
    if (lines.length) lines.push('');
    lines.push(...subjectTree(subject, { readable, mark, keyLabel, policies }));
  }
  if (result.subjects.length === 0) lines.push('no images: the answer holds no imported image to look at');
  if (result.errors.length) {
    lines.push('');
    for (const e of result.errors) lines.push(`error: ${e.repository}: ${readable(e.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One subject's tree.
 * @param {SupplySubject} subject
 * @param {{readable: (t: string) => string, mark: (w: string) => string, keyLabel: (f: string) => string, policies: boolean}} draw
 * @returns {string[]}
 */
function subjectTree(subject, { readable, mark, keyLabel, policies }) {
  const where = [subject.source, subject.platform].filter(Boolean).join(', ');
  const lines = [`${subject.repository}@${subject.digest}  (${where})`];
  /** @type {Array<{head: string, details: string[], count: number}>} */
  const branches = [];
  // Columns line up within an image, as wide as its longest entry.
  const kindWidth = Math.max(0, ...subject.artifacts.map((a) => a.kind.length));
  const formatWidth = Math.max(0, ...subject.artifacts.map((a) => a.format.length));
  const foundWidth = Math.max(0, ...subject.artifacts.map((a) => FOUND_BY[a.foundBy].length));
  for (const a of [...subject.artifacts].sort(byPlace)) {
    const v = a.verification;
    const state = `${mark(v.state)}${v.key ? ` ${keyLabel(v.key)}` : ''}`;
    const head = `${a.kind.padEnd(kindWidth)}  ${a.format.padEnd(formatWidth)}  ${FOUND_BY[a.foundBy].padEnd(foundWidth)}  ${state}`;
    const details = [...summaryLines(a), readable(v.reason)];
    // The same line again (a .sig tag can hold hundreds of like signatures) is counted, not repeated.
    const previous = branches.at(-1);
    if (previous && previous.head === head && previous.details.join('\n') === details.join('\n')) previous.count++;
    else branches.push({ head, details, count: 1 });
  }
  if (subject.artifacts.length === 0) branches.push({ head: 'no signature, attestation or SBOM found', details: [], count: 1 });
  if (subject.policy) {
    const p = subject.policy;
    branches.push({ head: `policy: ${mark(p.decision)}`, details: [readable(p.reason)], count: 1 });
  } else if (policies) {
    branches.push({ head: 'policy: none of the policies given governs this image', details: [], count: 1 });
  }
  branches.forEach((b, i) => {
    const last = i === branches.length - 1;
    lines.push(`${last ? '└──' : '├──'} ${b.head}${b.count > 1 ? `  (×${b.count})` : ''}`);
    for (const d of b.details) lines.push(`${last ? ' ' : '│'}     ${d}`);
  });
  return lines;
}

// The order the answer gives is the order lookups ended, which varies from run to run; a person
// reads the same image the same way each time: signatures first, by where they were found.
const KIND_ORDER = ['signature', 'attestation', 'sbom', 'other'];
const FOUND_ORDER = ['referrers', 'referrers-tag', 'cosign-tag', 'index'];
/**
 * @param {SupplyArtifact} a
 * @param {SupplyArtifact} b
 */
function byPlace(a, b) {
  /** @type {Array<[string | number, string | number]>} */
  const keys = [
    [KIND_ORDER.indexOf(a.kind), KIND_ORDER.indexOf(b.kind)], [FOUND_ORDER.indexOf(a.foundBy), FOUND_ORDER.indexOf(b.foundBy)],
    [a.format, b.format], [a.predicateType ?? '', b.predicateType ?? ''], [a.digest, b.digest],
    [a.verification.state, b.verification.state], [a.verification.key ?? '', b.verification.key ?? ''], [a.verification.reason, b.verification.reason],
  ];
  for (const [x, y] of keys) if (x !== y) return x < y ? -1 : 1;
  return 0;
}

/**
 * What an artifact says of itself: an SBOM's document and package count, a provenance's builder
 * and source, else the predicate type of an attestation.
 * @param {SupplyArtifact} a
 * @returns {string[]}
 */
function summaryLines(a) {
  const s = a.summary ?? {};
  if (a.kind === 'sbom' || s.packages !== undefined) {
    const packages = s.packages === undefined ? '' : `, ${s.packages} package${s.packages === 1 ? '' : 's'}`;
    return [`SBOM ${s.name !== undefined ? JSON.stringify(s.name) : '(unnamed)'}${packages}`];
  }
  if (s.builder !== undefined || s.source !== undefined) {
    return [`provenance: builder ${s.builder ?? '(none)'}, source ${s.source ?? '(none)'}`];
  }
  return a.kind === 'attestation' && a.predicateType ? [`predicate ${a.predicateType}`] : [];
}
