// <isi-supply-panel>: the supply-chain run of the answer shown — the keys and policies
// (<isi-supply-inputs>), the button that runs isi.supplyChain() (and why it cannot), Stop, the
// progress, the outcome in one line, and the run's errors. Sends `supply-start` and
// `supply-cancel`; the element runs it and reads `inputs`.

import { h, replaceChildren, uid } from './dom.js';
import { partEvent } from './events.js';
import { SupplyInputs } from './supply-inputs.js';

/** @typedef {import('../lib/api.js').SupplyProgress} SupplyProgress */
/** @typedef {import('../lib/api.js').SupplyError} SupplyError */
/**
 * The panel's controls, made when it is first connected.
 * @typedef {object} Controls
 * @property {HTMLButtonElement} button
 * @property {HTMLButtonElement} cancel
 * @property {HTMLParagraphElement} why
 * @property {HTMLProgressElement} bar
 * @property {HTMLSpanElement} progressText
 * @property {HTMLParagraphElement} outcome
 * @property {HTMLDivElement} errors
 * @property {SupplyInputs} inputs
 */

export class SupplyPanel extends HTMLElement {
  /** @type {Controls | null} */
  #ui = null;
  #blocked = 'Import first: the supply chain is looked up beside each imported digest.';
  #running = false;

  connectedCallback() {
    this.#controls();
  }

  #controls() {
    if (this.#ui) return this.#ui;
    const headingId = uid('supply-heading');
    const whyId = uid('supply-why');
    const button = h('button', { type: 'button', class: 'secondary', text: 'Check the supply chain', attrs: { 'aria-describedby': whyId },
      on: { click: () => this.dispatchEvent(partEvent('supply-start')) } });
    // "Stop", not "Cancel": the import's Cancel is on the same page, and two buttons of one name
    // would leave a person (and a screen reader's list of buttons) guessing which is which.
    const cancel = h('button', { type: 'button', class: 'secondary', text: 'Stop', disabled: true, attrs: { 'aria-label': 'Stop the supply-chain check' },
      on: { click: () => this.dispatchEvent(partEvent('supply-cancel')) } });
    const why = h('p', { id: whyId, class: 'supply-why', attrs: { 'aria-live': 'polite' } });
    const bar = h('progress', { max: 1, value: 0, attrs: { 'aria-label': 'Supply-chain progress' } });
    const progressText = h('span', { class: 'supply-progress-text', attrs: { 'aria-live': 'polite' } });
    const outcome = h('p', { class: 'supply-outcome', attrs: { role: 'status' } });
    const errors = h('div', { class: 'supply-errors' });
    const inputs = new SupplyInputs();
    this.#ui = { button, cancel, why, bar, progressText, outcome, errors, inputs };
    this.className = 'card supply-panel';
    this.setAttribute('role', 'region');
    this.setAttribute('aria-labelledby', headingId);
    this.append(
      h('header', {}, h('h3', { id: headingId, text: 'Supply chain: signatures, attestations, SBOMs and image policy' })),
      h('p', { class: 'muted', text: 'Looks beside every imported digest (referrers, cosign\u2019s tags, BuildKit attestations), checks signatures with the keys you give, and says what your image policies would decide at pull. The same registry access as the import.' }),
      h('details', { class: 'settings supply-settings' }, h('summary', { text: 'Public keys and image policies' }), inputs),
      h('div', { class: 'supply-actions' }, button, cancel),
      why,
      h('div', { class: 'supply-progress' }, bar, progressText),
      outcome,
      errors);
    this.#draw();
    return this.#ui;
  }

  /** The keys and policies typed in. */
  get inputs() {
    return this.#controls().inputs;
  }

  /**
   * Why the run cannot start now ('' when it can).
   * @param {string | null | undefined} reason
   */
  set blockedReason(reason) {
    this.#blocked = reason ?? '';
    this.#draw();
  }

  /** @param {boolean} value */
  set running(value) {
    this.#running = Boolean(value);
    if (this.#running) {
      this.progress = { requestsDone: 0, requestsKnown: 0, subjectsDone: 0, subjectsTotal: 0 };
      this.outcome = '';
      this.errors = [];
    }
    this.#draw();
  }

  /** @param {SupplyProgress | null | undefined} p */
  set progress(p) {
    const ui = this.#controls();
    if (!p) return;
    ui.bar.max = Math.max(1, p.requestsKnown);
    ui.bar.value = p.requestsDone;
    ui.progressText.textContent = `${p.requestsDone} of ${p.requestsKnown} requests · ${p.subjectsDone} of ${p.subjectsTotal} images`;
  }

  /**
   * The run's outcome in one line ('' clears it); the progress bar shows it finished.
   * @param {string} text
   */
  set outcome(text) {
    const ui = this.#controls();
    ui.outcome.textContent = text;
    if (text) {
      ui.progressText.textContent = '';
      ui.bar.value = ui.bar.max;
    }
  }

  /**
   * The run's errors: each a repository that could not be read, in the library's words.
   * @param {SupplyError[]} errors
   */
  set errors(errors) {
    const ui = this.#controls();
    if (!errors.length) {
      ui.errors.replaceChildren();
      return;
    }
    replaceChildren(ui.errors,
      h('h4', { text: `Errors (${errors.length})` }),
      h('ul', { class: 'diagnostics' }, errors.map((e) => h('li', { class: 'warning' },
        h('code', { class: 'mono position', text: e.repository }), h('span', { class: 'server-text', text: e.message })))));
  }

  #draw() {
    const ui = this.#ui;
    if (!ui) return;
    ui.button.disabled = this.#running || this.#blocked !== '';
    ui.button.textContent = this.#running ? 'Checking\u2026' : 'Check the supply chain';
    ui.cancel.disabled = !this.#running;
    ui.why.textContent = this.#running ? '' : this.#blocked;
  }
}
