// <isi-import-panel>: the Import button (and why it is disabled), Cancel, the progress bar, and the
// import's settings: proxy prefix, control-plane platform, concurrency, tag cap, credentials and
// the current ImageStream. Sends `import-start` and `import-cancel`; the element reads `settings`.

import { h, uid } from './dom.js';
import { partEvent } from './events.js';
import { CredentialsPanel } from './credentials-panel.js';

const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/ppc64le', 'linux/s390x', 'linux/arm/v7'];

/** @typedef {import('../lib/api.js').DockerConfigJson} DockerConfigJson */
/** @typedef {import('../lib/api.js').ImportProgress} ImportProgress */
/**
 * The settings of an import, as importPreview() options.
 * @typedef {object} ImportSettings
 * @property {string} proxyPrefix
 * @property {string | undefined} platform
 * @property {number} concurrency
 * @property {number} maxTagsPerRepository
 * @property {DockerConfigJson | string | null} credentials
 * @property {string | null} currentImageStream the text pasted (null: none)
 */
/**
 * The panel's controls, made when it is first connected (or configured).
 * @typedef {object} Controls
 * @property {HTMLButtonElement} button
 * @property {HTMLButtonElement} cancel
 * @property {HTMLParagraphElement} why
 * @property {HTMLProgressElement} bar
 * @property {HTMLSpanElement} progressText
 * @property {{ platform: HTMLInputElement, proxyPrefix: HTMLInputElement, concurrency: HTMLInputElement, maxTags: HTMLInputElement }} inputs
 * @property {CredentialsPanel} credentials
 * @property {HTMLTextAreaElement} current
 */

export class ImportPanel extends HTMLElement {
  /** @type {Controls | null} */
  #ui = null;
  #blocked = 'Loading…';
  #running = false;

  connectedCallback() {
    this.#controls();
  }

  /** The controls, made (and appended) the first time: when connected, or configured before. */
  #controls() {
    if (this.#ui) return this.#ui;
    const whyId = uid('why');
    const button = h('button', { type: 'button', class: 'primary', text: 'Import', attrs: { 'aria-describedby': whyId }, on: { click: () => this.dispatchEvent(partEvent('import-start')) } });
    const cancel = h('button', { type: 'button', class: 'secondary', text: 'Cancel', disabled: true, on: { click: () => this.dispatchEvent(partEvent('import-cancel')) } });
    const why = h('p', { id: whyId, class: 'why', attrs: { 'aria-live': 'polite' } });
    const barId = uid('progress');
    const bar = h('progress', { id: barId, max: 1, value: 0, attrs: { 'aria-label': 'Import progress' } });
    const progressText = h('span', { class: 'progress-text', attrs: { 'aria-live': 'polite' } });

    /**
     * @param {string} label
     * @param {HTMLElement} input
     * @param {string} [note]
     */
    const field = (label, input, note) => {
      const id = uid('setting');
      input.id = id;
      return h('div', { class: 'field' }, h('label', { attrs: { for: id }, text: label }), input, note ? h('small', { class: 'muted', text: note }) : null);
    };
    const listId = uid('platforms');
    const inputs = {
      platform: h('input', { type: 'text', value: '', spellcheck: false, attrs: { list: listId, autocomplete: 'off' } }),
      proxyPrefix: h('input', { type: 'url', value: '', placeholder: 'e.g. http://localhost:4173/proxy/', spellcheck: false, attrs: { autocomplete: 'off' } }),
      // These three start with the core's defaults (`defaults`), once it is loaded; the core checks them.
      concurrency: h('input', { type: 'number', value: '', attrs: { inputmode: 'numeric' } }),
      maxTags: h('input', { type: 'number', value: '', attrs: { inputmode: 'numeric' } }),
    };
    const credentials = new CredentialsPanel();
    const current = h('textarea', { rows: 4, spellcheck: false, placeholder: 'oc get is NAME -o yaml', attrs: { autocomplete: 'off' } });
    const ui = { button, cancel, why, bar, progressText, inputs, credentials, current };
    this.#ui = ui;

    this.append(
      h('div', { class: 'import-actions' }, button, cancel),
      why,
      h('div', { class: 'progress-row' }, bar, progressText),
      h('details', { class: 'settings' },
        h('summary', { text: 'Registry access and cluster settings' }),
        field('Proxy prefix (for registries that send no CORS headers)', inputs.proxyPrefix, 'Every request goes to this prefix + the registry URL.'),
        field('Control-plane platform (os/arch, for Legacy list selection)', inputs.platform),
        h('datalist', { id: listId }, PLATFORMS.map((p) => h('option', { value: p }))),
        h('div', { class: 'form-row' },
          field('Requests at once', inputs.concurrency),
          field('Tags per repository (-1: all)', inputs.maxTags)),
        field('Current ImageStream (for import: true; paste it to see what changes)', current)),
      h('details', { class: 'settings' },
        h('summary', { text: 'Credentials' }),
        credentials));
    this.#draw();
    return ui;
  }

  /**
   * Why Import cannot run now ('' when it can).
   * @param {string | null | undefined} reason
   */
  set blockedReason(reason) {
    this.#blocked = reason ?? '';
    this.#draw();
  }

  /** @param {boolean} value */
  set running(value) {
    this.#running = Boolean(value);
    if (this.#running) this.progress = { requestsDone: 0, requestsKnown: 0, imagesDone: 0, imagesTotal: 0 };
    this.#draw();
  }

  /** @param {ImportProgress | null | undefined} p */
  set progress(p) {
    const ui = this.#ui;
    if (!ui || !p) return;
    ui.bar.max = Math.max(1, p.requestsKnown);
    ui.bar.value = p.requestsDone;
    ui.progressText.textContent = `${p.requestsDone} of ${p.requestsKnown} requests · ${p.imagesDone} of ${p.imagesTotal} images`;
  }

  /**
   * Shown after an import in place of the progress (e.g. "done in 1.2 s").
   * @param {string} text
   */
  set outcome(text) {
    const ui = this.#ui;
    if (!ui) return;
    ui.progressText.textContent = text;
    ui.bar.value = ui.bar.max;
  }

  /**
   * Initial values from the element's attributes.
   * @param {{ proxyPrefix?: string | null, platform?: string | null, concurrency?: number, maxTagsPerRepository?: number | null }} values
   */
  configure({ proxyPrefix, platform, concurrency, maxTagsPerRepository }) {
    const { inputs } = this.#controls();
    if (proxyPrefix !== undefined && proxyPrefix !== null) inputs.proxyPrefix.value = proxyPrefix;
    if (platform) inputs.platform.value = platform;
    if (concurrency) inputs.concurrency.value = String(concurrency);
    if (maxTagsPerRepository !== undefined && maxTagsPerRepository !== null) inputs.maxTags.value = String(maxTagsPerRepository);
  }

  /**
   * The core's defaults (isi.options('importPreview')), for the settings nobody has set.
   * @param {import('../lib/api.js').ImportOptionsDecoded} defaults
   */
  set defaults(defaults) {
    const { inputs } = this.#controls();
    if (inputs.platform.value === '') inputs.platform.value = defaults.platform;
    if (inputs.concurrency.value === '') inputs.concurrency.value = String(defaults.concurrency);
    if (inputs.maxTags.value === '') inputs.maxTags.value = String(defaults.maxTagsPerRepository);
  }

  /**
   * The settings as importPreview() options (the core checks their values); {error} when the
   * credentials cannot be read.
   * @returns {ImportSettings | { error: string }}
   */
  get settings() {
    const { inputs, credentials: panel, current } = this.#controls();
    const concurrency = Number(inputs.concurrency.value);
    const maxTags = Number(inputs.maxTags.value);
    const platform = inputs.platform.value.trim() || undefined; // none: the core's default
    const credentials = panel.dockerConfig();
    if ('error' in credentials) return { error: credentials.error };
    return {
      proxyPrefix: inputs.proxyPrefix.value.trim(),
      platform,
      concurrency,
      maxTagsPerRepository: maxTags,
      credentials: credentials.value,
      currentImageStream: current.value.trim() || null,
    };
  }

  /** @param {string} value */
  set proxyPrefix(value) {
    if (this.#ui) this.#ui.inputs.proxyPrefix.value = value;
  }

  /** Forgets the credentials typed in (nothing else holds them). */
  forgetCredentials() {
    this.#ui?.credentials.clear();
  }

  #draw() {
    const ui = this.#ui;
    if (!ui) return;
    ui.button.disabled = this.#running || this.#blocked !== '';
    ui.button.textContent = this.#running ? 'Importing…' : 'Import';
    ui.cancel.disabled = !this.#running;
    ui.why.textContent = this.#running ? '' : this.#blocked;
  }
}
