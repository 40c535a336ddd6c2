// <isi-import-panel>: the Import button (and why it is disabled), Cancel, the progress bar, and the
// import's settings: proxy prefix, control-plane platform, concurrency, tag cap, credentials and
// the current ImageStream. Sends `import-start` and `import-cancel`; the element reads `settings`.

import { h, uid } from './dom.js';
import { partEvent } from './events.js';
import { CredentialsPanel } from './credentials-panel.js';

const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/ppc64le', 'linux/s390x', 'linux/arm/v7'];

export class ImportPanel extends HTMLElement {
  #button;
  #cancel;
  #why;
  #bar;
  #progressText;
  #inputs = {};
  #credentials;
  #current;
  #blocked = 'Loading…';
  #running = false;

  connectedCallback() {
    if (this.#button) return;
    const whyId = uid('why');
    this.#button = h('button', { type: 'button', class: 'primary', text: 'Import', attrs: { 'aria-describedby': whyId }, on: { click: () => this.dispatchEvent(partEvent('import-start')) } });
    this.#cancel = h('button', { type: 'button', class: 'secondary', text: 'Cancel', disabled: true, on: { click: () => this.dispatchEvent(partEvent('import-cancel')) } });
    this.#why = h('p', { id: whyId, class: 'why', attrs: { 'aria-live': 'polite' } });
    const barId = uid('progress');
    this.#bar = h('progress', { id: barId, max: 1, value: 0, attrs: { 'aria-label': 'Import progress' } });
    this.#progressText = h('span', { class: 'progress-text', attrs: { 'aria-live': 'polite' } });

    const field = (label, input, note) => {
      const id = uid('setting');
      input.id = id;
      return h('div', { class: 'field' }, h('label', { attrs: { for: id }, text: label }), input, note ? h('small', { class: 'muted', text: note }) : null);
    };
    const listId = uid('platforms');
    this.#inputs.platform = h('input', { type: 'text', value: 'linux/amd64', spellcheck: false, attrs: { list: listId, autocomplete: 'off' } });
    this.#inputs.proxyPrefix = h('input', { type: 'url', value: '', placeholder: 'e.g. http://localhost:4173/proxy/', spellcheck: false, attrs: { autocomplete: 'off' } });
    this.#inputs.concurrency = h('input', { type: 'number', value: '6', min: '1', max: '64', attrs: { inputmode: 'numeric' } });
    this.#inputs.maxTags = h('input', { type: 'number', value: '50', min: '-1', attrs: { inputmode: 'numeric' } });
    this.#credentials = new CredentialsPanel();
    this.#current = h('textarea', { rows: 4, spellcheck: false, placeholder: 'oc get is NAME -o yaml', attrs: { autocomplete: 'off' } });

    this.append(
      h('div', { class: 'import-actions' }, this.#button, this.#cancel),
      this.#why,
      h('div', { class: 'progress-row' }, this.#bar, this.#progressText),
      h('details', { class: 'settings' },
        h('summary', { text: 'Registry access and cluster settings' }),
        field('Proxy prefix (for registries that send no CORS headers)', this.#inputs.proxyPrefix, 'Every request goes to this prefix + the registry URL.'),
        field('Control-plane platform (os/arch, for Legacy list selection)', this.#inputs.platform),
        h('datalist', { id: listId }, PLATFORMS.map((p) => h('option', { value: p }))),
        h('div', { class: 'form-row' },
          field('Requests at once', this.#inputs.concurrency),
          field('Tags per repository (-1: all)', this.#inputs.maxTags)),
        field('Current ImageStream (for import: true; paste it to see what changes)', this.#current)),
      h('details', { class: 'settings' },
        h('summary', { text: 'Credentials' }),
        this.#credentials));
    this.#draw();
  }

  /** Why Import cannot run now ('' when it can). */
  set blockedReason(reason) {
    this.#blocked = reason ?? '';
    this.#draw();
  }

  set running(value) {
    this.#running = Boolean(value);
    if (this.#running) this.progress = { requestsDone: 0, requestsKnown: 0, imagesDone: 0, imagesTotal: 0 };
    this.#draw();
  }

  set progress(p) {
    if (!this.#bar || !p) return;
    this.#bar.max = Math.max(1, p.requestsKnown);
    this.#bar.value = p.requestsDone;
    this.#progressText.textContent = `${p.requestsDone} of ${p.requestsKnown} requests · ${p.imagesDone} of ${p.imagesTotal} images`;
  }

  /** Shown after an import in place of the progress (e.g. "done in 1.2 s"). */
  set outcome(text) {
    if (this.#progressText) this.#progressText.textContent = text;
    if (this.#bar) this.#bar.value = this.#bar.max;
  }

  /** Initial values from the element's attributes. */
  configure({ proxyPrefix, platform, concurrency, maxTagsPerRepository }) {
    if (!this.#button) this.connectedCallback();
    if (proxyPrefix !== undefined && proxyPrefix !== null) this.#inputs.proxyPrefix.value = proxyPrefix;
    if (platform) this.#inputs.platform.value = platform;
    if (concurrency) this.#inputs.concurrency.value = String(concurrency);
    if (maxTagsPerRepository !== undefined && maxTagsPerRepository !== null) this.#inputs.maxTags.value = String(maxTagsPerRepository);
  }

  /** The settings as importPreview() options; {error} when one cannot be used. */
  get settings() {
    const concurrency = Number(this.#inputs.concurrency.value);
    const maxTags = Number(this.#inputs.maxTags.value);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) return { error: 'Requests at once must be a whole number from 1 to 64' };
    if (!Number.isInteger(maxTags) || maxTags < -1) return { error: 'Tags per repository must be a whole number, -1 for all' };
    const platform = this.#inputs.platform.value.trim() || 'linux/amd64';
    if (!/^[^/\s]+\/[^/\s]+(?:\/[^/\s]+)?$/.test(platform)) return { error: 'The platform must be os/arch or os/arch/variant, e.g. linux/arm64' };
    const credentials = this.#credentials.dockerConfig();
    if (credentials.error) return { error: credentials.error };
    return {
      proxyPrefix: this.#inputs.proxyPrefix.value.trim(),
      platform,
      concurrency,
      maxTagsPerRepository: maxTags,
      credentials: credentials.value,
      currentImageStream: this.#current.value.trim() || null,
    };
  }

  set proxyPrefix(value) {
    if (this.#inputs.proxyPrefix) this.#inputs.proxyPrefix.value = value;
  }

  /** Forgets the credentials typed in (nothing else holds them). */
  forgetCredentials() {
    this.#credentials.clear();
  }

  #draw() {
    if (!this.#button) return;
    this.#button.disabled = this.#running || this.#blocked !== '';
    this.#button.textContent = this.#running ? 'Importing…' : 'Import';
    this.#cancel.disabled = !this.#running;
    this.#why.textContent = this.#running ? '' : this.#blocked;
  }
}
