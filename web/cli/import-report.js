// What `isimport import` tells a person on standard error, beside the answer on standard output:
// as `oc import-image` words it, a line per image and per repository that failed, the tags a
// repository had beyond the cap, the importer's notes, and one summary line; for a refused
// request, its causes at their line and column (as `isimport validate` prints them).

import { locatedLines } from './validate-reports.js';

// (A repository's status may be missing: the failure is then said without a reason.)
/** @param {import('../lib/api.js').Status | undefined} status */
const why = (status) => `${status?.reason ? `(${status.reason}) ` : ''}${status?.message ?? 'unknown error prevented import'}`;
/** @param {{status?: import('../lib/api.js').Status} | null | undefined} entry */
const failed = (entry) => entry?.status?.status !== 'Success';

/**
 * The text for standard error. `answer`: importPreview()'s; `refusal`: isi.validate() of the spec
 * when the answer is a Status (for positions); `notices`: the importer's; `input`: the spec's name.
 * @param {import('../lib/api.js').ImportResult} answer
 * @param {{input: string, notices?: Array<{field: string, message: string}>, refusal?: Pick<import('../lib/api.js').ValidateResult, 'valid' | 'diagnostics'> | null, maxTags?: number, cancelled?: boolean}} options
 * @returns {string}
 */
export function reportImport(answer, { input, notices = [], refusal = null, maxTags = 50, cancelled = false }) {
  /** @type {string[]} */
  const lines = [];
  if (answer?.kind !== 'ImageStreamImport') {
    lines.push(`error: the API server would refuse this request: ${answer?.code ?? ''} ${answer?.reason ?? ''}`.trimEnd());
    if (refusal && !refusal.valid) lines.push(...locatedLines(input, refusal));
    else if (answer?.message) lines.push(`  ${answer.message}`);
    return `${lines.join('\n')}\n`;
  }
  const images = answer.status?.images ?? [];
  images.forEach((entry, i) => {
    if (!failed(entry)) return;
    lines.push(entry.tag ? `error: tag ${entry.tag} failed: ${why(entry.status)}` : `error: spec.images[${i}] failed: ${why(entry.status)}`);
  });
  const repo = answer.status?.repository;
  if (repo) {
    const from = answer.spec?.repository?.from?.name ?? '';
    if (!repo.images && failed(repo)) lines.push(`error: repository ${from} failed: ${why(repo.status)}`);
    for (const entry of repo.images ?? []) if (failed(entry)) lines.push(`error: repository tag ${entry.tag} failed: ${why(entry.status)}`);
    const more = repo.additionalTags ?? [];
    if (more.length) lines.push(`info: The remote repository contained ${more.length} additional tags which were not imported (the cap is ${maxTags}): ${more.join(', ')}`);
  }
  for (const n of notices) lines.push(`note: ${n.field}: ${n.message}`);

  const ok = images.filter((e) => !failed(e)).length;
  /** @type {string[]} */
  const parts = [];

  if (images.length) parts.push(`${ok} of ${images.length} image${images.length === 1 ? '' : 's'} imported`);
  if (repo) {
    const tags = repo.images ?? [];
    const tagsOk = tags.filter((e) => !failed(e)).length;
    parts.push(repo.images ? `repository: ${tagsOk} of ${tags.length} tags imported, ${repo.additionalTags?.length ?? 0} not (the cap)` : 'repository: not listed');
  }
  if (answer.status?.import) parts.push(`ImageStream ${answer.status.import.metadata?.name ?? ''} computed (nothing written)`);
  if (cancelled) parts.push('cancelled');
  lines.push(`${cancelled || lines.some((l) => l.startsWith('error:')) ? 'imported with errors' : 'imported'}: ${parts.join('; ') || 'nothing to import'}`);
  return `${lines.join('\n')}\n`;
}
