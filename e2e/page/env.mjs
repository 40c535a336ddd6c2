// What the browser tests share: the registries and page started by global-setup.mjs, and helpers
// to open the page with a spec and to read the element's shadow DOM.
import { writeFragment } from '../../web/app/fragment.js';

export const HOSTILE_LABEL = '<img src=x onerror="window.__pwned=1">';

/**
 * {page, anonymous, login, nocors, record, hostileDigest, supply} (see global-setup.mjs; `supply` is
 * {keys: {<name>: {pem, fingerprint}}, subjects} of e2e/registry/supply-artifacts.mjs's record).
 */
export const env = () => JSON.parse(process.env.ISIMPORT_E2E);

/** The page's URL with `spec` (YAML text) in its fragment; `run` imports at once. */
export function pageUrl(spec, { run = false, proxy } = {}) {
  return `${env().page}${writeFragment({ spec, run, proxy })}`;
}

/** A spec of images (each {name, mode?, to?}) and an optional repository, all insecure (plain HTTP). */
export function specOf({ name = 'e2e', images = [], repository, importSpec = false }) {
  const lines = ['apiVersion: image.openshift.io/v1', 'kind: ImageStreamImport', 'metadata:', `  name: ${name}`, 'spec:', `  import: ${importSpec}`];
  if (images.length) {
    lines.push('  images:');
    for (const i of images) {
      lines.push('  - from:', '      kind: DockerImage', `      name: ${i.name}`);
      if (i.to) lines.push('    to:', `      name: ${i.to}`);
      lines.push('    importPolicy:', '      insecure: true');
      if (i.mode) lines.push(`      importMode: ${i.mode}`);
    }
  }
  if (repository) lines.push('  repository:', '    from:', '      kind: DockerImage', `      name: ${repository}`, '    importPolicy:', '      insecure: true');
  return `${lines.join('\n')}\n`;
}

/** Waits until the import's answer is on the page (the summary line). */
export async function waitForResult(page) {
  await page.locator('isimport-preview p.summary').waitFor({ timeout: 20_000 });
}
