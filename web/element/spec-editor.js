// <isi-spec-editor>: the spec's text in CodeMirror 6 (YAML or JSON highlighting, chosen by the
// text), with the validation's diagnostics drawn at their line and column. Sends `spec-text`
// ({text}) on every edit the user makes; setting `text` does not echo. Search's keys come later
// (`laterKeymap`), with the parts the first validation does not wait for.

import { EditorView, keymap } from '@codemirror/view';
import { Annotation, Compartment, EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { json } from '@codemirror/lang-json';
import { setDiagnostics } from '@codemirror/lint';
import { editorSetup } from './editor-setup.js';
import { looksLikeJson } from '../lib/documents.js';
import { partEvent } from './events.js';

/** @typedef {import('../lib/api.js').Diagnostic} Diagnostic */
/** @typedef {import('@codemirror/lint').Diagnostic} LintMark */
/** @typedef {import('@codemirror/state').Text} Text */
/** @typedef {import('@codemirror/view').KeyBinding} KeyBinding */

export class SpecEditor extends HTMLElement {
  /** @type {EditorView | null} */
  #view = null;
  #language = new Compartment();
  #editable = new Compartment();
  #laterKeys = new Compartment();
  /** @type {readonly KeyBinding[]} */
  #laterBindings = [];
  #pendingText = '';
  #readonly = false;
  #isJson = false;
  /** @type {Diagnostic[]} */
  #diagnostics = [];

  connectedCallback() {
    if (this.#view) return;
    this.#isJson = looksLikeJson(this.#pendingText);
    this.#view = new EditorView({
      parent: this,
      // Connected: the root is the document or (inside <isimport-preview>) its shadow root.
      root: /** @type {Document | ShadowRoot} */ (this.getRootNode()),
      state: EditorState.create({
        doc: this.#pendingText,
        extensions: [
          editorSetup,
          this.#language.of(this.#isJson ? json() : yaml()),
          this.#editable.of(editableExtension(this.#readonly)),
          // After editorSetup's keymap, as search's keys were in it: its Escape still goes first.
          this.#laterKeys.of(keymap.of(this.#laterBindings)),
          EditorView.contentAttributes.of({ 'aria-label': 'Spec, YAML or JSON', 'aria-multiline': 'true' }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.every((t) => t.annotation(fromOutside))) return;
            this.#followLanguage();
            this.dispatchEvent(partEvent('spec-text', { text: update.state.doc.toString() }));
          }),
        ],
      }),
    });
    this.#draw();
  }

  disconnectedCallback() {
    this.#view?.destroy();
    this.#view = null;
  }

  get text() {
    return this.#view ? this.#view.state.doc.toString() : this.#pendingText;
  }

  set text(value) {
    const text = String(value ?? '');
    if (!this.#view) {
      this.#pendingText = text;
      return;
    }
    if (text === this.#view.state.doc.toString()) return;
    this.#view.dispatch({ changes: { from: 0, to: this.#view.state.doc.length, insert: text }, annotations: fromOutside.of(true) });
    this.#followLanguage();
  }

  /** @param {boolean} value */
  set readonly(value) {
    this.#readonly = Boolean(value);
    this.#view?.dispatch({ effects: this.#editable.reconfigure(editableExtension(this.#readonly)) });
  }

  /**
   * Key bindings that came after the editor (search's, from the element's later parts), bound
   * after its own.
   * @param {readonly KeyBinding[]} bindings
   */
  set laterKeymap(bindings) {
    this.#laterBindings = bindings;
    this.#view?.dispatch({ effects: this.#laterKeys.reconfigure(keymap.of(bindings)) });
  }

  /**
   * validate()'s diagnostics ({severity, message, line?, column?, hint?}); those without a place are skipped.
   * @param {Diagnostic[] | null | undefined} list
   */
  set diagnostics(list) {
    this.#diagnostics = Array.isArray(list) ? list : [];
    this.#draw();
  }

  /**
   * Puts the cursor at a 1-based line and column and focuses the editor.
   * @param {number} line
   * @param {number} column
   */
  focusAt(line, column) {
    const view = this.#view;
    if (!view) return;
    const pos = offsetOf(view.state.doc, line, column);
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    view.focus();
  }

  #draw() {
    const view = this.#view;
    if (!view) return;
    const doc = view.state.doc;
    /** @type {LintMark[]} */
    const marks = [];
    for (const d of this.#diagnostics) {
      if (d.line === undefined || !Number.isInteger(d.line)) continue;
      const from = offsetOf(doc, d.line, d.column ?? 1);
      const line = doc.lineAt(from);
      // To the end of the value or key (a colon inside a value, as in name:tag, stays in it).
      const rest = doc.sliceString(from, line.to);
      const word = /^(?:"[^"]*"|'[^']*'|[^\s,\]}]+?)(?=:\s|:$|[\s,\]}]|$)/.exec(rest);
      const to = Math.min(line.to, from + (word ? word[0].length : Math.max(1, rest.length)));
      marks.push({
        from,
        to: Math.max(to, from),
        severity: d.severity === 'warning' ? 'warning' : 'error',
        message: d.hint ? `${d.message}; ${d.hint}` : d.message,
      });
    }
    view.dispatch(setDiagnostics(view.state, marks));
  }

  #followLanguage() {
    const view = this.#view;
    if (!view) return;
    const isJson = looksLikeJson(view.state.doc.toString());
    if (isJson === this.#isJson) return;
    this.#isJson = isJson;
    view.dispatch({ effects: this.#language.reconfigure(isJson ? json() : yaml()) });
  }
}

// Marks the changes made by setting `text`, which are not the user's edits.
/** @type {import('@codemirror/state').AnnotationType<boolean>} */
const fromOutside = Annotation.define();

const editableExtension = (/** @type {boolean} */ readonly) => [EditorState.readOnly.of(readonly), EditorView.editable.of(!readonly)];

/**
 * The document offset of a 1-based line and column, clamped into the document.
 * @param {Text} doc
 * @param {number} line
 * @param {number} column
 */
function offsetOf(doc, line, column) {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}
