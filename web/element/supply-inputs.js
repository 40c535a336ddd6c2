// <isi-supply-inputs>: the public keys signatures are checked with and the ClusterImagePolicy /
// ImagePolicy objects a pull is judged by, pasted or dropped as files. Like credentials they live
// in these inputs only: never in the URL, never in any storage, never logged; clear() empties
// them. A refusal of the library is shown under the input it is about, which keeps its text.

import { h, replaceChildren, uid } from './dom.js';
import { partEvent } from './events.js';
import { pemBlocks } from './supply-model.js';

/** @typedef {import('./supply-model.js').Problem} Problem */
/**
 * One input: its text area and where its problem is shown.
 * @typedef {{ text: HTMLTextAreaElement, problem: HTMLDivElement }} Input
 */

export class SupplyInputs extends HTMLElement {
  /** @type {{ keys: Input, policies: Input } | null} */
  #ui = null;

  connectedCallback() {
    this.#inputs();
  }

  #inputs() {
    if (this.#ui) return this.#ui;
    const keys = this.#field({
      label: 'Public keys (PEM, one or more)',
      placeholder: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----',
      files: 'Load key files',
      accept: '.pem,.pub,.key,text/plain',
      separator: '\n',
      data: 'data-supply-keys',
    });
    const policies = this.#field({
      label: 'ClusterImagePolicy / ImagePolicy (YAML or JSON; several documents or a List)',
      placeholder: 'apiVersion: config.openshift.io/v1\nkind: ClusterImagePolicy\n…',
      files: 'Load policy files',
      accept: '.yaml,.yml,.json,text/plain',
      separator: '\n---\n',
      data: 'data-supply-policies',
    });
    this.#ui = { keys: keys.input, policies: policies.input };
    this.append(
      h('p', { class: 'muted', text: 'Kept in this page\u2019s memory only: never put in the link, stored or sent anywhere. Keys check signatures here, with the browser\u2019s WebCrypto.' }),
      keys.field,
      policies.field);
    return this.#ui;
  }

  /**
   * A labelled text area that also takes dropped or chosen files (their text is appended).
   * @param {{ label: string, placeholder: string, files: string, accept: string, separator: string, data: string }} o
   */
  #field(o) {
    const id = uid('supply-input');
    const problemId = uid('supply-problem');
    const text = h('textarea', {
      id,
      rows: 4,
      spellcheck: false,
      placeholder: o.placeholder,
      attrs: { autocomplete: 'off', 'aria-describedby': problemId, [o.data]: '' },
      on: { change: () => this.dispatchEvent(partEvent('supply-inputs')) },
    });
    const problem = h('div', { id: problemId, class: 'input-problem', attrs: { 'aria-live': 'polite' } });
    const append = async (/** @type {Iterable<File>} */ files) => {
      for (const file of files) {
        const content = await file.text();
        text.value = text.value.trim() === '' ? content : `${text.value.replace(/\s+$/, '')}${o.separator}${content}`;
      }
      this.dispatchEvent(partEvent('supply-inputs'));
    };
    // Hidden: the button beside it opens it (one control to reach, with a label of its own).
    const picker = h('input', { type: 'file', multiple: true, accept: o.accept, hidden: true, on: {
      change: () => {
        append(picker.files ?? []).finally(() => { picker.value = ''; });
      },
    } });
    // Files dropped on the text area are read as text; dropped text is the browser's to insert.
    text.addEventListener('dragover', (e) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    });
    text.addEventListener('drop', (e) => {
      const files = e.dataTransfer?.files;
      if (!files?.length) return;
      e.preventDefault();
      append(files);
    });
    const field = h('div', { class: 'field supply-field' },
      h('label', { attrs: { for: id }, text: o.label }),
      text,
      h('div', { class: 'file-row' },
        h('button', { type: 'button', class: 'secondary', text: `${o.files}\u2026`, on: { click: () => picker.click() } }),
        h('small', { class: 'muted', text: 'or drop files on the box' }),
        picker),
      problem);
    return { field, input: { text, problem } };
  }

  /** The keys given: each PEM block of the keys box. */
  get keys() {
    return pemBlocks(this.#inputs().keys.text.value);
  }

  /** The policies given: the text of the policies box (the library reads its documents). */
  get policies() {
    const text = this.#inputs().policies.text.value;
    return text.trim() === '' ? [] : [text];
  }

  /** @param {Problem | null} problem why the keys were refused (null: they were not) */
  set keysProblem(problem) {
    show(this.#inputs().keys, problem);
  }

  /** @param {Problem | null} problem why the policies were refused (null: they were not) */
  set policiesProblem(problem) {
    show(this.#inputs().policies, problem);
  }

  /** Forgets every key and policy typed in (nothing else holds them). */
  clear() {
    const ui = this.#inputs();
    for (const input of [ui.keys, ui.policies]) {
      input.text.value = '';
      show(input, null);
    }
  }
}

/**
 * @param {Input} input
 * @param {Problem | null} problem
 */
function show(input, problem) {
  if (problem) input.text.setAttribute('aria-invalid', 'true');
  else input.text.removeAttribute('aria-invalid');
  if (!problem) {
    input.problem.replaceChildren();
    return;
  }
  replaceChildren(input.problem,
    h('p', { class: 'failure' }, h('strong', { text: 'Refused' }), ': ', h('span', { class: 'server-text', text: problem.message })),
    problem.causes.length
      ? h('ul', { class: 'diagnostics' }, problem.causes.map((c) => h('li', {},
        h('code', { class: 'mono position', text: c.field }), h('span', { class: 'server-text', text: c.message }))))
      : null);
}
