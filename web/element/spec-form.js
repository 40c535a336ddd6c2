// <isi-spec-form>: the spec as a form — metadata, `import`, the images (added and removed), the
// repository. It reads the document the text holds (`object`) and sends each change as a
// `spec-edit` event ({op: 'set'|'delete'|'append', path, value}); the element writes the edit into
// the text, which stays the one source of truth.

import { h, replaceChildren, uid } from './dom.js';
import { partEvent } from './events.js';
import { NEW_IMAGE } from './spec-text.js';

const MODES = [['', 'default (Legacy)'], ['Legacy', 'Legacy: one platform of a list'], ['PreserveOriginal', 'PreserveOriginal: the whole list']];
const REFERENCE_TYPES = [['', 'default (Source)'], ['Source', 'Source'], ['Local', 'Local']];

/** @typedef {import('./events.js').SpecEdit} SpecEdit */
/** @typedef {Array<string | number>} Path */
/**
 * A control of the form: an input has a caret (and keeps it across a rebuild), a select none.
 * @typedef {HTMLElement & Partial<Pick<HTMLInputElement, 'selectionStart' | 'selectionEnd' | 'setSelectionRange'>>} Control
 */

// The document is whatever the user typed: any field may hold any value. A field that is not a
// mapping reads as an empty one (as `?.` read it: no field of a string, a number or a list is asked for).
/** @type {(value: unknown) => Record<string, unknown>} */
const fields = (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? /** @type {Record<string, unknown>} */ (value) : {});

export class SpecForm extends HTMLElement {
  /** @type {Record<string, unknown> | null} */
  #object = null;
  #unavailable = '';
  #readonly = false;

  /**
   * The document to show (a plain object), or null with `unavailable` saying why.
   * @param {Record<string, unknown> | null | undefined} object
   * @param {string} [unavailable]
   */
  show(object, unavailable = '') {
    this.#object = object ?? null;
    this.#unavailable = unavailable;
    this.#render();
  }

  /** @param {boolean} value */
  set readonly(value) {
    this.#readonly = Boolean(value);
    this.#render();
  }

  /**
   * @param {SpecEdit['op']} op
   * @param {Path} path
   * @param {unknown} [value]
   * @param {boolean} [keep]
   */
  #edit(op, path, value, keep = false) {
    this.dispatchEvent(partEvent('spec-edit', { op, path, value, keep }));
  }

  #render() {
    // A rebuild keeps the focused control and its caret, found again by its path.
    // The root is the element's shadow root (or a document); the focused element is a control.
    const root = /** @type {Node & Partial<DocumentOrShadowRoot>} */ (this.getRootNode());
    const active = /** @type {Control | null | undefined} */ (root.activeElement);
    const focusedPath = active && this.contains(active) ? active.dataset.path : null;
    const caret = focusedPath && active && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd ?? null] : null;

    if (!this.#object) {
      replaceChildren(this, h('p', { class: 'muted', text: this.#unavailable || 'No document' }));
      return;
    }
    const o = this.#object;
    const spec = fields(o.spec);
    const images = Array.isArray(spec.images) ? spec.images : [];
    const repository = spec.repository && typeof spec.repository === 'object' ? fields(spec.repository) : null;

    replaceChildren(this,
      h('div', { class: 'form-row' },
        this.#text('Name', ['metadata', 'name'], fields(o.metadata).name, { placeholder: 'the ImageStream', keep: true }),
        this.#text('Namespace', ['metadata', 'namespace'], fields(o.metadata).namespace, { placeholder: 'default' }),
        this.#check('import: write the ImageStream (computed here, nothing is written)', ['spec', 'import'], spec.import === true, { keep: true })),
      images.map((image, i) => this.#imageFieldset(fields(image), i)),
      this.#readonly ? null : h('button', {
        type: 'button',
        class: 'secondary',
        text: 'Add image',
        on: { click: () => this.#edit('append', ['spec', 'images'], structuredClone(NEW_IMAGE)) },
      }),
      this.#repositoryFieldset(repository));

    if (focusedPath) {
      const again = [.../** @type {NodeListOf<Control>} */ (this.querySelectorAll('[data-path]'))].find((el) => el.dataset.path === focusedPath);
      if (again) {
        again.focus();
        if (caret && typeof again.setSelectionRange === 'function') again.setSelectionRange(caret[0], caret[1]);
      }
    }
  }

  /**
   * @param {Record<string, unknown>} image
   * @param {number} i
   */
  #imageFieldset(image, i) {
    const base = ['spec', 'images', i];
    return h('fieldset', { class: 'image-fields' },
      h('legend', { text: `spec.images[${i}]` }),
      h('div', { class: 'form-row' },
        this.#text('From (DockerImage pull spec)', [...base, 'from', 'name'], fields(image.from).name, { placeholder: 'registry/namespace/name:tag', wide: true, keep: true }),
        this.#text('To (tag)', [...base, 'to', 'name'], fields(image.to).name, { placeholder: 'the source tag' })),
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

  /** @param {Record<string, unknown> | null} repository */
  #repositoryFieldset(repository) {
    const base = ['spec', 'repository'];
    const toggle = this.#check('Import a whole repository (spec.repository)', base, repository !== null, {
      onChange: (on) => (on ? this.#edit('set', base, { from: { kind: 'DockerImage', name: '' } }) : this.#edit('delete', base)),
    });
    if (!repository) return h('fieldset', { class: 'repository-fields' }, h('legend', { text: 'spec.repository' }), toggle);
    return h('fieldset', { class: 'repository-fields' },
      h('legend', { text: 'spec.repository' }),
      toggle,
      this.#text('From (repository, no tag)', [...base, 'from', 'name'], fields(repository.from).name, { placeholder: 'registry/namespace/name', wide: true, keep: true }),
      this.#policyRow(base, repository),
      this.#check('includeManifest', [...base, 'includeManifest'], repository.includeManifest === true));
  }

  /**
   * @param {Path} base
   * @param {Record<string, unknown>} entry
   */
  #policyRow(base, entry) {
    return h('div', { class: 'form-row' },
      this.#select('importMode', [...base, 'importPolicy', 'importMode'], fields(entry.importPolicy).importMode ?? '', MODES),
      this.#select('referencePolicy', [...base, 'referencePolicy', 'type'], fields(entry.referencePolicy).type ?? '', REFERENCE_TYPES),
      this.#check('insecure (allow plain HTTP)', [...base, 'importPolicy', 'insecure'], fields(entry.importPolicy).insecure === true));
  }

  /**
   * A text field: the document's value (any type: shown as text), each keystroke a `set` edit.
   * @param {string} label
   * @param {Path} path
   * @param {unknown} value
   * @param {{ placeholder?: string, wide?: boolean, keep?: boolean }} [options]
   */
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
        on: { input: (e) => this.#edit('set', path, /** @type {HTMLInputElement} */ (e.target).value, keep) },
      }));
  }

  /**
   * A select of `options` ([value, text]); a value the document holds that is none of them is
   * shown too, marked not valid.
   * @param {string} label
   * @param {Path} path
   * @param {unknown} value
   * @param {string[][]} options
   */
  #select(label, path, value, options) {
    const id = uid('field');
    const known = options.some(([v]) => v === value);
    return h('div', { class: 'field' },
      h('label', { attrs: { for: id }, text: label }),
      h('select', {
        id,
        disabled: this.#readonly,
        dataset: { path: JSON.stringify(path) },
        on: { change: (e) => this.#edit('set', path, /** @type {HTMLSelectElement} */ (e.target).value) },
      },
      options.map(([v, text]) => h('option', { value: v, text, selected: v === value })),
      known ? null : h('option', { value, text: `${value} (not valid)`, selected: true })));
  }

  /**
   * @param {string} label
   * @param {Path} path
   * @param {boolean} checked
   * @param {{ keep?: boolean, onChange?: (checked: boolean) => void }} [options] onChange: instead of a `set` edit
   */
  #check(label, path, checked, { keep, onChange } = {}) {
    const id = uid('field');
    return h('div', { class: 'field check' },
      h('input', {
        id,
        type: 'checkbox',
        checked,
        disabled: this.#readonly,
        dataset: { path: JSON.stringify(path) },
        on: {
          change: (e) => {
            const { checked: on } = /** @type {HTMLInputElement} */ (e.target);
            if (onChange) onChange(on);
            else this.#edit('set', path, on, keep);
          },
        },
      }),
      h('label', { attrs: { for: id }, text: label }));
  }
}
