// <isi-credentials>: registry credentials for one import — a docker config.json or a pull Secret
// pasted whole, or a username and password per registry. They live in these inputs only: never in
// the URL, never in any storage, and clear() empties them.

import { h, uid } from './dom.js';

/** @typedef {import('../lib/api.js').DockerConfigJson} DockerConfigJson */

export class CredentialsPanel extends HTMLElement {
  /** @type {HTMLTextAreaElement | undefined} */
  #pasted;
  /** @type {HTMLDivElement | undefined} */
  #rows;

  connectedCallback() {
    if (this.#pasted) return;
    const pastedId = uid('cred');
    this.#pasted = h('textarea', {
      id: pastedId,
      rows: 3,
      spellcheck: false,
      placeholder: '{"auths": {…}} or a kubernetes.io/dockerconfigjson Secret',
      attrs: { autocomplete: 'off', 'data-credential': '' },
    });
    this.#rows = h('div', { class: 'credential-rows' });
    this.append(
      h('p', { class: 'muted', text: 'Kept in this page\u2019s memory for the import only: never put in the link or stored. Sent only to the registry that asks for it and its token service, over HTTPS unless the image is insecure.' }),
      h('div', { class: 'field' }, h('label', { attrs: { for: pastedId }, text: 'docker config.json or pull Secret (JSON or YAML)' }), this.#pasted),
      this.#rows,
      h('button', { type: 'button', class: 'secondary', text: 'Add a registry login', on: { click: () => this.#addRow() } }));
  }

  #addRow() {
    const ids = [uid('reg'), uid('user'), uid('pass')];
    const row = h('div', { class: 'form-row credential-row' },
      h('div', { class: 'field' }, h('label', { attrs: { for: ids[0] }, text: 'Registry' }),
        h('input', { id: ids[0], type: 'text', placeholder: 'quay.io', spellcheck: false, attrs: { autocomplete: 'off', 'data-registry': '' } })),
      h('div', { class: 'field' }, h('label', { attrs: { for: ids[1] }, text: 'Username' }),
        h('input', { id: ids[1], type: 'text', spellcheck: false, attrs: { autocomplete: 'off', 'data-username': '' } })),
      h('div', { class: 'field' }, h('label', { attrs: { for: ids[2] }, text: 'Password or token' }),
        h('input', { id: ids[2], type: 'password', attrs: { autocomplete: 'off', 'data-password': '', 'data-credential': '' } })),
      h('button', { type: 'button', class: 'secondary danger', text: 'Remove', attrs: { 'aria-label': 'Remove this registry login' }, on: { click: () => row.remove() } }));
    this.#rows?.append(row);
    row.querySelector('input')?.focus();
  }

  /**
   * importPreview()'s `credentials`: {value} (null for none), or {error}.
   * @returns {{ value: DockerConfigJson | string | null } | { error: string }}
   */
  dockerConfig() {
    if (!this.#pasted || !this.#rows) return { value: null };
    const pasted = this.#pasted.value.trim();
    // Each row holds the three inputs #addRow() made.
    const input = (/** @type {Element} */ row, /** @type {string} */ selector) => /** @type {HTMLInputElement} */ (row.querySelector(selector));
    const logins = [...this.#rows.querySelectorAll('.credential-row')].map((row) => ({
      registry: input(row, '[data-registry]').value.trim(),
      username: input(row, '[data-username]').value,
      password: input(row, '[data-password]').value,
    })).filter((l) => l.registry || l.username || l.password);
    if (pasted && logins.length) return { error: 'Give credentials either pasted or per registry, not both' };
    if (pasted) return { value: pasted };
    if (logins.length === 0) return { value: null };
    /** @type {Record<string, { auth: string }>} */
    const auths = {};
    for (const l of logins) {
      if (!l.registry || !l.username) return { error: 'A registry login needs the registry and the username' };
      auths[l.registry] = { auth: base64(`${l.username}:${l.password}`) };
    }
    return { value: { auths } };
  }

  clear() {
    if (!this.#pasted || !this.#rows) return;
    this.#pasted.value = '';
    this.#rows.replaceChildren();
  }
}

/** @param {string} text */
function base64(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
