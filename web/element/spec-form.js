// <isi-spec-form>: the spec as a form — metadata, `import`, the images (added and removed), the
// repository. It reads the document the text holds (`object`) and sends each change as a
// `spec-edit` event ({op: 'set'|'delete'|'append', path, value}); the element writes the edit into
// the text, which stays the one source of truth.

import { h, replaceChildren, uid } from './dom.js';
import { partEvent } from './events.js';
import { NEW_IMAGE } from './spec-text.js';

const MODES = [['', 'default (Legacy)'], ['Legacy', 'Legacy: one platform of a list'], ['PreserveOriginal', 'PreserveOriginal: the whole list']];
const REFERENCE_TYPES = [['', 'default (Source)'], ['Source', 'Source'], ['Local', 'Local']];

export class SpecForm extends HTMLElement {
  #object = null;
  #unavailable = '';
  #readonly = false;

  /** The document to show (a plain object), or null with `unavailable` saying why. */
  show(object, unavailable = '') {
    this.#object = object;
    this.#unavailable = unavailable;
    this.#render();
  }

  set readonly(value) {
    this.#readonly = Boolean(value);
    this.#render();
  }

  #edit(op, path, value, keep = false) {
    this.dispatchEvent(partEvent('spec-edit', { op, path, value, keep }));
  }

  #render() {
    // A rebuild keeps the focused control and its caret, found again by its path.
    const active = this.getRootNode().activeElement;
    const focusedPath = active && this.contains(active) ? active.dataset.path : null;
    const caret = focusedPath && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;

    if (!this.#object) {
      replaceChildren(this, h('p', { class: 'muted', text: this.#unavailable || 'No document' }));
      return;
    }
    const o = this.#object;
    const spec = o.spec ?? {};
    const images = Array.isArray(spec.images) ? spec.images : [];
    const repository = spec.repository && typeof spec.repository === 'object' ? spec.repository : null;

    replaceChildren(this,
      h('div', { class: 'form-row' },
        this.#text('Name', ['metadata', 'name'], o.metadata?.name, { placeholder: 'the ImageStream', keep: true }),
        this.#text('Namespace', ['metadata', 'namespace'], o.metadata?.namespace, { placeholder: 'default' }),
        this.#check('import: write the ImageStream (computed here, nothing is written)', ['spec', 'import'], spec.import === true, { keep: true })),
      images.map((image, i) => this.#imageFieldset(image ?? {}, i)),
      this.#readonly ? null : h('button', {
        type: 'button',
        class: 'secondary',
        text: 'Add image',
        on: { click: () => this.#edit('append', ['spec', 'images'], structuredClone(NEW_IMAGE)) },
      }),
      this.#repositoryFieldset(repository));

    if (focusedPath) {
      const again = [...this.querySelectorAll('[data-path]')].find((el) => el.dataset.path === focusedPath);
      if (again) {
        again.focus();
        if (caret && typeof again.setSelectionRange === 'function') again.setSelectionRange(caret[0], caret[1]);
      }
    }
  }

  #imageFieldset(image, i) {
    const base = ['spec', 'images', i];
    return h('fieldset', { class: 'image-fields' },
      h('legend', { text: `spec.images[${i}]` }),
      h('div', { class: 'form-row' },
        this.#text('From (DockerImage pull spec)', [...base, 'from', 'name'], image.from?.name, { placeholder: 'registry/namespace/name:tag', wide: true, keep: true }),
        this.#text('To (tag)', [...base, 'to', 'name'], image.to?.name, { placeholder: 'the source tag' })),
      this.#policyRow(base, image),
      h('div', { class: 'form-row' },
        this.#check('includeManifest', [...base, 'includeManifest'], image.includeManifest === true),
        this.#readonly ? null : h('button', {
          type: 'button',
          class: 'secondary danger',
          text: 'Remove',
          attrs: { 'aria-label': `Remove spec.images[${i}]` },
          on: { click: () => this.#edit('delete', base) },
        })));
  }

  #repositoryFieldset(repository) {
    const base = ['spec', 'repository'];
    const toggle = this.#check('Import a whole repository (spec.repository)', base, repository !== null, {
      onChange: (on) => (on ? this.#edit('set', base, { from: { kind: 'DockerImage', name: '' } }) : this.#edit('delete', base)),
    });
    if (!repository) return h('fieldset', { class: 'repository-fields' }, h('legend', { text: 'spec.repository' }), toggle);
    return h('fieldset', { class: 'repository-fields' },
      h('legend', { text: 'spec.repository' }),
      toggle,
      this.#text('From (repository, no tag)', [...base, 'from', 'name'], repository.from?.name, { placeholder: 'registry/namespace/name', wide: true, keep: true }),
      this.#policyRow(base, repository),
      this.#check('includeManifest', [...base, 'includeManifest'], repository.includeManifest === true));
  }

  #policyRow(base, entry) {
    return h('div', { class: 'form-row' },
      this.#select('importMode', [...base, 'importPolicy', 'importMode'], entry.importPolicy?.importMode ?? '', MODES),
      this.#select('referencePolicy', [...base, 'referencePolicy', 'type'], entry.referencePolicy?.type ?? '', REFERENCE_TYPES),
      this.#check('insecure (allow plain HTTP)', [...base, 'importPolicy', 'insecure'], entry.importPolicy?.insecure === true));
  }

  #text(label, path, value, { placeholder, wide, keep } = {}) {
    const id = uid('field');
    return h('div', { class: ['field', wide && 'wide'] },
      h('label', { attrs: { for: id }, text: label }),
      h('input', {
        id,
        type: 'text',
        value: typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value),
        placeholder,
        readOnly: this.#readonly,
        spellcheck: false,
        autocomplete: 'off',
        dataset: { path: JSON.stringify(path) },
        on: { input: (e) => this.#edit('set', path, e.target.value, keep) },
      }));
  }

  #select(label, path, value, options) {
    const id = uid('field');
    const known = options.some(([v]) => v === value);
    return h('div', { class: 'field' },
      h('label', { attrs: { for: id }, text: label }),
      h('select', {
        id,
        disabled: this.#readonly,
        dataset: { path: JSON.stringify(path) },
        on: { change: (e) => this.#edit('set', path, e.target.value) },
      },
      options.map(([v, text]) => h('option', { value: v, text, selected: v === value })),
      known ? null : h('option', { value, text: `${value} (not valid)`, selected: true })));
  }

  #check(label, path, checked, { keep, onChange } = {}) {
    const id = uid('field');
    return h('div', { class: 'field check' },
      h('input', {
        id,
        type: 'checkbox',
        checked,
        disabled: this.#readonly,
        dataset: { path: JSON.stringify(path) },
        on: { change: (e) => (onChange ? onChange(e.target.checked) : this.#edit('set', path, e.target.checked, keep)) },
      }),
      h('label', { attrs: { for: id }, text: label }));
  }
}
