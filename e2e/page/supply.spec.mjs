// The supply chain from the browser, against the real registry's supply fixtures
// (e2e/registry/supply-artifacts.mjs, pushed by global-setup.mjs): a person imports signed images,
// pastes a key and a policy, runs the lookup and reads, on each card, what vouches for the image —
// and the key and the policy are nowhere but in the inputs afterwards.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readFragment } from '../../web/app/fragment.js';
import { env, pageUrl, specOf, waitForResult } from './env.mjs';

const BUILDER_ID = 'https://builder.isimport.invalid/e2e@v1';
const preview = (page) => page.locator('isimport-preview');
const card = (page, i) => preview(page).locator('isi-image-card').nth(i);
const panel = (page) => preview(page).locator('isi-supply-panel');
const keysBox = (page) => panel(page).locator('textarea[data-supply-keys]');
const policiesBox = (page) => panel(page).locator('textarea[data-supply-policies]');

/** What axe finds serious or critical on the page (as people.spec.mjs asks). */
async function seriousViolations(page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A ClusterImagePolicy over two of the fixture's repositories, trusting `pem`. */
function policyFor(host, pem) {
  return `apiVersion: config.openshift.io/v1
kind: ClusterImagePolicy
metadata:
  name: e2e-supply
spec:
  scopes:
  - ${host}/supply/app
  - ${host}/supply/lie-tampered
  policy:
    rootOfTrust:
      policyType: PublicKey
      publicKey:
        keyData: ${Buffer.from(pem).toString('base64')}
    signedIdentity:
      matchPolicy: MatchRepository
`;
}

test('a signed image, its SBOM and provenance, a tampered signature and the policy\u2019s decisions, with the key pasted and held nowhere else', async ({ page }) => {
  test.setTimeout(90_000); // two axe passes over the page
  const { anonymous, supply } = env();
  const key = supply.keys.ecdsa;
  const shortKey = `${key.fingerprint.slice(0, 'SHA256:'.length + 16)}…`;
  const spec = specOf({ name: 'supply', images: [{ name: `${anonymous.host}/supply/app:v1` }, { name: `${anonymous.host}/supply/lie-tampered:v1` }] });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(pageUrl(spec, { run: true }));
  await waitForResult(page);
  await expect(preview(page).locator('p.summary')).toContainText('2 images: 2 imported, 0 failed');

  // A bad key and an invalid policy: the library's refusal beside each, and the text kept.
  await panel(page).locator('summary', { hasText: 'Public keys and image policies' }).click();
  await keysBox(page).fill('not a key');
  await keysBox(page).dispatchEvent('change');
  const keyProblem = panel(page).locator('.input-problem').nth(0);
  await expect(keyProblem).toContainText('no PEM block found');
  await expect(keysBox(page)).toHaveAttribute('aria-invalid', 'true');
  await policiesBox(page).fill(policyFor(anonymous.host, key.pem).replace(/  policy:[\s\S]*$/, ''));
  await policiesBox(page).dispatchEvent('change');
  const policyProblem = panel(page).locator('.input-problem').nth(1);
  await expect(policyProblem).toContainText('ClusterImagePolicy.config.openshift.io "e2e-supply" is invalid');
  await expect(policyProblem.locator('li code', { hasText: 'spec.policy' }).first()).toBeVisible();
  await expect(policyProblem).toContainText('Required value');
  await expect(keysBox(page)).toHaveValue('not a key');
  expect(await seriousViolations(page)).toEqual([]);
  // Running with them refused runs nothing.
  await panel(page).getByRole('button', { name: 'Check the supply chain' }).click();
  await expect(panel(page).locator('.supply-outcome')).toContainText('Not run: a key or a policy was refused');
  await expect(preview(page).locator('isi-supply-chain')).toHaveCount(0);

  // The real key and a whole policy: the refusals go.
  await keysBox(page).fill(`the e2e key\n${key.pem}`);
  await keysBox(page).dispatchEvent('change');
  await policiesBox(page).fill(policyFor(anonymous.host, key.pem));
  await policiesBox(page).dispatchEvent('change');
  await expect(keyProblem).toBeEmpty();
  await expect(policyProblem).toBeEmpty();

  await panel(page).getByRole('button', { name: 'Check the supply chain' }).click();
  await expect(panel(page).locator('.supply-outcome')).toContainText('2 images:', { timeout: 20_000 });
  await expect(panel(page).locator('.supply-outcome')).toContainText('policy: 1 admit, 1 deny');

  // The signed image: a signature verified with the key (shortened), the SBOM, the provenance.
  const app = card(page, 0).locator('isi-supply-chain');
  await expect(app.getByRole('heading', { name: 'Supply chain' })).toBeVisible();
  const verified = app.locator('li.artifact.verified', { hasText: 'cosign signature' }).first();
  await expect(verified.locator('.badge')).toHaveText('Verified');
  await expect(verified.locator('code.key')).toHaveText(shortKey);
  await expect(verified.locator('code.key')).toHaveAttribute('title', key.fingerprint);
  await expect(verified).toContainText("its payload names this image's digest and repository");
  // The .sig's second layer is the RSA key's, which was not given: failed, saying why.
  await expect(app.locator('li.artifact.failed', { hasText: 'cosign signature' }).first()).toContainText('none of the keys given can have made this signature');
  const sbom = app.locator('li.artifact', { hasText: 'SPDX SBOM' }).first();
  await expect(sbom).toContainText(`${anonymous.host}/supply/app`);
  await expect(sbom).toContainText('1 package');
  const provenance = app.locator('li.artifact', { hasText: 'Provenance' }).first();
  await expect(provenance).toContainText(BUILDER_ID);
  await expect(provenance).toContainText('https://slsa.dev/provenance/v1');
  await expect(provenance.locator('.badge')).toHaveText('Verified');
  await expect(app.locator('li.artifact', { hasText: 'Notation' }).locator('.badge')).toHaveText('Unverified');
  await expect(app.locator('.policy')).toContainText('Admit');
  await expect(app.locator('.policy')).toContainText('ClusterImagePolicy e2e-supply');
  // A registry without the referrers API answers its route with a 404 the browser hides (no CORS
  // headers on it): that is the fallback's cue, not an error to show.
  await expect(app).not.toContainText('did not answer');
  await expect(app.locator('.policy')).toContainText(`${anonymous.host}/supply/app`);

  // The tampered signature: failed, as a warning, with the reason; the policy denies.
  const lie = card(page, 1).locator('isi-supply-chain');
  const failed = lie.locator('li.artifact.failed');
  await expect(failed).toHaveCount(1);
  await expect(failed.locator('.badge')).toHaveText('Failed');
  await expect(failed.locator('.badge')).toHaveClass(/warn/);
  await expect(failed.locator('.reason')).toContainText('does not verify');
  await expect(lie.locator('li.artifact.verified')).toHaveCount(0);
  await expect(lie.locator('.policy .badge')).toHaveText('Deny');
  await expect(lie.locator('.policy')).toContainText('ClusterImagePolicy e2e-supply');

  const shots = fileURLToPath(new URL('../../build/playwright/', import.meta.url));
  mkdirSync(shots, { recursive: true });
  await card(page, 0).screenshot({ path: `${shots}supply-chain-card.png` });
  expect(await seriousViolations(page)).toEqual([]);

  // Neither the key nor the policy is in the address, the link's spec or any storage.
  const held = await page.evaluate(async () => ({
    href: location.href,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
    databases: JSON.stringify(await indexedDB.databases()),
  }));
  const keyBody = key.pem.split('\n')[1];
  const secrets = [keyBody, Buffer.from(key.pem).toString('base64').slice(0, 40), 'e2e-supply', 'ClusterImagePolicy'];
  for (const place of [held.href, decodeURIComponent(held.href), readFragment(new URL(held.href).hash).spec ?? '', held.local, held.session, held.cookie, held.databases]) {
    for (const secret of secrets) expect(place).not.toContain(secret);
  }
  expect(held.local).toBe('{}');
  expect(held.session).toBe('{}');
  expect(held.databases).toBe('[]');
  expect(pageErrors).toEqual([]);
});

test('a list kept whole: each platform entry shows its BuildKit attestations and SBOM, unverified', async ({ page }) => {
  const { anonymous } = env();
  const spec = specOf({ name: 'buildkit', images: [{ name: `${anonymous.host}/supply/buildkit:v1`, mode: 'PreserveOriginal' }] });
  await page.goto(pageUrl(spec, { run: true }));
  await waitForResult(page);
  await panel(page).getByRole('button', { name: 'Check the supply chain' }).click();
  const view = card(page, 0).locator('isi-supply-chain');
  // The index and its two platforms; BuildKit's attestation manifests (unknown/unknown), were the
  // core to make them subjects, would come after, named as such.
  await expect(view.locator('.subject-name').nth(2)).toBeVisible({ timeout: 20_000 });
  const names = await view.locator('.subject-name > span').allTextContents();
  expect(names.slice(0, 3)).toEqual(['The manifest list (index)', 'linux/amd64', 'linux/arm64/v8']);
  for (const name of names.slice(3)) expect(name).toBe('unknown/unknown (attestation manifest)');
  const amd64 = view.locator('.supply-subject').nth(1);
  await expect(amd64.locator('li.artifact', { hasText: 'Provenance (BuildKit)' })).toContainText(BUILDER_ID);
  await expect(amd64.locator('li.artifact', { hasText: 'SPDX SBOM (BuildKit)' })).toContainText('1 package');
  await expect(amd64.locator('li.artifact .badge')).toHaveText(['Unverified', 'Unverified']);
  await expect(view.locator('.policy').first()).toContainText('Image policy: none given');
});

test('an answer set as `result` (a cluster\u2019s) runs the supply chain through the element API', async ({ page }) => {
  const { anonymous, supply } = env();
  await page.goto(env().page);
  const host = anonymous.host;
  const chain = await page.evaluate(async ({ host, pem }) => {
    await customElements.whenDefined('isimport-preview');
    const el = document.querySelector('isimport-preview');
    el.result = await (async () => {
      // A cluster's answer has importPreview()'s shape: one made here, then set as a plain object.
      el.spec = `apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata:\n  name: c\nspec:\n  import: false\n  images:\n  - from:\n      kind: DockerImage\n      name: ${host}/supply/app:v1\n    importPolicy:\n      insecure: true\n`;
      await new Promise((resolve) => el.addEventListener('validate', resolve, { once: true }));
      const answer = await el.import();
      return JSON.parse(JSON.stringify(answer));
    })();
    el.publicKeys = [pem];
    const got = await el.supplyChain();
    return { states: got.subjects[0].artifacts.map((a) => a.verification.state), same: el.supply === got };
  }, { host, pem: supply.keys.ecdsa.pem });
  expect(chain.same).toBe(true);
  expect(chain.states).toContain('verified');
  await expect(card(page, 0).locator('isi-supply-chain li.artifact.verified').first()).toBeVisible();
});
