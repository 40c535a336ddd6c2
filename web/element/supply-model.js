// What the supply-chain parts read from isi.supplyChain()'s answer and from what a person typed,
// without any DOM: PEM blocks out of a pasted text, the subjects of each card (by `source`), a
// subject's errors, short key fingerprints and digests, and a thrown error as a problem to show
// beside its input. Kept pure so that node tests cover it.

/** @typedef {import('../lib/api.js').SupplyChain} SupplyChain */
/** @typedef {import('../lib/api.js').SupplySubject} Subject */
/** @typedef {import('../lib/api.js').SupplyError} SupplyError */
/**
 * A refusal to show beside an input: the library's message and, for a policy the API server
 * would refuse, its causes with their field paths.
 * @typedef {{ message: string, causes: Array<{ field: string, message: string }> }} Problem
 */
/**
 * The subjects of an answer by where they are shown: a card per `status.images[i]` (the image,
 * then the entries of a list kept whole), and the repository's tags.
 * @typedef {{ images: Subject[][], repository: Subject[] }} SubjectPlaces
 */

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * The keys of a pasted text: each PEM block, in order. Text around the blocks is PEM's
 * "explanatory text" (RFC 7468 §5.2) and is dropped; a text with no block at all is handed over
 * whole, so that the library says why it is no key rather than the page guessing.
 * @param {string} text
 * @returns {string[]}
 */
export function pemBlocks(text) {
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => `${m[0]}\n`);
  if (blocks.length) return blocks;
  return text.trim() === '' ? [] : [text];
}

/**
 * Where each subject is shown, from its `source` (docs/supply-chain.md §9.1).
 * @param {SupplyChain} chain
 * @param {number} imageCount how many cards there are (status.images.length)
 * @returns {SubjectPlaces}
 */
export function placeSubjects(chain, imageCount) {
  /** @type {SubjectPlaces} */
  const places = { images: Array.from({ length: imageCount }, () => []), repository: [] };
  for (const subject of chain.subjects) {
    const image = /^status\.images\[(\d+)\]/.exec(subject.source);
    if (image) {
      places.images[Number(image[1])]?.push(subject);
    } else if (subject.source.startsWith('status.repository.images[')) {
      places.repository.push(subject);
    }
  }
  // The image itself, then the entries of its list in the list's order, whatever the answer's.
  for (const list of places.images) list.sort((a, b) => entryIndex(a) - entryIndex(b));
  return places;
}

/**
 * Which entry of its list a subject is (`status.images[i].manifests[j]` → j); -1 for an image.
 * @param {Subject} subject
 */
export function entryIndex(subject) {
  const m = /\.manifests\[(\d+)\]$/.exec(subject.source);
  return m ? Number(m[1]) : -1;
}

/**
 * The errors about one subject: each error's message starts with the digest it is about
 * (docs/supply-chain.md §9.6), and names its repository.
 * @param {SupplyError[]} errors
 * @param {Subject} subject
 */
export function errorsOf(errors, subject) {
  return errors.filter((e) => e.repository === subject.repository && e.message.startsWith(subject.digest));
}

/**
 * `SHA256:8c1b46afbba0…` — enough to tell keys apart at a glance; the whole one goes in a title.
 * @param {string} fingerprint
 */
export function shortFingerprint(fingerprint) {
  const m = /^(SHA256:)([0-9a-f]{16})[0-9a-f]+$/i.exec(fingerprint);
  return m ? `${m[1]}${m[2]}…` : fingerprint;
}

/**
 * `sha256:6e7bfc0833c6…`
 * @param {string} digest
 */
export function shortDigest(digest) {
  const m = /^([a-z0-9]+:)([0-9a-f]{12})[0-9a-f]+$/.exec(digest);
  return m ? `${m[1]}${m[2]}…` : digest;
}

/**
 * What a supplyChain() refusal says, for the input it is about: a TypeError's message, or a 422's
 * message and causes (`error.status.details.causes`). The "isimport: " prefix is the library's
 * name, which a person reading beside the input does not need.
 * @param {unknown} error
 * @returns {Problem}
 */
export function problemOf(error) {
  const e = /** @type {{ message?: unknown, status?: { message?: string, details?: { causes?: Array<{ field?: string, message?: string }> } } }} */ (
    typeof error === 'object' && error !== null ? error : { message: error });
  const message = String(e.status?.message ?? e.message ?? error).replace(/^isimport: /, '');
  const causes = (e.status?.details?.causes ?? []).map((c) => ({ field: c.field ?? '', message: c.message ?? '' }));
  return { message, causes };
}

/**
 * Counts of what was found, for a one-line outcome: subjects, and artifacts by state.
 * @param {SupplyChain} chain
 */
export function tally(chain) {
  const counts = { subjects: chain.subjects.length, artifacts: 0, verified: 0, failed: 0, unverified: 0, errors: chain.errors.length };
  for (const s of chain.subjects) {
    for (const a of s.artifacts) {
      counts.artifacts++;
      counts[a.verification.state]++;
    }
  }
  return counts;
}

// An answer with nothing imported: supplyChain() on it reads and checks the keys and policies
// (PEM, the API server's validation of each policy) and makes no request.
const NOTHING_IMPORTED = Object.freeze({
  apiVersion: 'image.openshift.io/v1', kind: 'ImageStreamImport', metadata: { name: 'inputs' }, spec: { import: false }, status: {},
});

/**
 * Why the keys, and why the policies, would be refused (null: they would not), each checked
 * alone so that a refusal can be shown beside its own input.
 * @param {{ supplyChain: import('../lib/api.js').Isimport['supplyChain'] }} isi
 * @param {{ keys: string[], policies: string[] }} given
 * @returns {Promise<{ keys: Problem | null, policies: Problem | null }>}
 */
export async function inputProblems(isi, { keys, policies }) {
  /** @param {import('../lib/api.js').SupplyChainOptions} options */
  const refusal = async (options) => {
    try {
      await isi.supplyChain(NOTHING_IMPORTED, options);
      return null;
    } catch (error) {
      return problemOf(error);
    }
  };
  return {
    keys: keys.length ? await refusal({ keys }) : null,
    policies: policies.length ? await refusal({ policies }) : null,
  };
}
