// The spec in CodeMirror 6 (YAML or JSON highlighting, chosen by the text), with the validation's
// diagnostics drawn at their line and column: what <isi-spec-editor> (spec-editor.js) becomes
// once this module has come. The element imports it after its first validation, shown meanwhile
// in a plain text area, so that opening a page does not wait for CodeMirror; bundlers make it a
// chunk of its own. Nothing here knows of the element: spec-editor.js hands in the text, the
// selection and what to tell it.

import { EditorView, keymap } from '@codemirror/view';
import { Annotation, Compartment, EditorSelection, EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { json } from '@codemirror/lang-json';
import { setDiagnostics } from '@codemirror/lint';
import { editorSetup } from './editor-setup.js';
import { looksLikeJson } from '../lib/documents.js';

/** @typedef {import('../lib/api.js').Diagnostic} Diagnostic */
/** @typedef {import('@codemirror/lint').Diagnostic} LintMark */
/** @typedef {import('@codemirror/state').Text} Text */
/** @typedef {import('@codemirror/view').KeyBinding} KeyBinding */
/**
 * What a code editor starts with: where it goes, its text and selection (offsets into the text
 * as the text area had them: lines end in \n), whether it is read-only, the keys that came
 * later, and whom to tell of each edit the user makes.
 * @typedef {{
 *   parent: HTMLElement,
 *   root: Document | ShadowRoot,
 *   text: string,
 *   selection?: { anchor: number, head: number },
 *   readonly: boolean,
 *   laterKeys: readonly KeyBinding[],
 *   onEdit: (text: string) => void,
 * }} CodeEditorOptions
 */

// Marks the changes made by setting `text`, which are not the user's edits.
const fromOutside = Annotation.define();

/** One CodeMirror view of the spec, made by spec-editor.js. */
export class CodeEditor {
  #language = new Compartment();
  #editable = new Compartment();
  #laterKeys = new Compartment();
  #isJson;
  /** @type {EditorView} */
  view;

  /** @param {CodeEditorOptions} options */
  constructor({ parent, root, text, selection, readonly, laterKeys, onEdit }) {
    this.#isJson = looksLikeJson(text);
    const state = EditorState.create({
      doc: text,
      extensions: [
        editorSetup,
        this.#language.of(this.#isJson ? json() : yaml()),
        this.#editable.of(editableExtension(readonly)),
        // After editorSetup's keymap, as search's keys were in it: its Escape still goes first.
        this.#laterKeys.of(keymap.of(laterKeys)),
        EditorView.contentAttributes.of({ 'aria-label': 'Spec, YAML or JSON', 'aria-multiline': 'true' }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged || update.transactions.every((t) => t.annotation(fromOutside))) return;
          this.#followLanguage();
          onEdit(update.state.doc.toString());
        }),
      ],
    });
    const length = state.doc.length;
    const clamp = (/** @type {number} */ n) => Math.min(Math.max(0, n), length);
    this.view = new EditorView({
      parent,
      root,
      state: selection ? state.update({ selection: EditorSelection.single(clamp(selection.anchor), clamp(selection.head)) }).state : state,
    });
  }

  get text() { return this.view.state.doc.toString(); }

  /**
   * Replaces the text (not an edit of the user's: onEdit is not told).
   * @param {string} text
   */
  setText(text) {
    const view = this.view;
    if (text === view.state.doc.toString()) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: fromOutside.of(true) });
    this.#followLanguage();
  }

  /** @param {boolean} readonly */
  setReadonly(readonly) {
    this.view.dispatch({ effects: this.#editable.reconfigure(editableExtension(readonly)) });
  }

  /** @param {readonly KeyBinding[]} bindings bound after the editor's own */
  setLaterKeys(bindings) {
    this.view.dispatch({ effects: this.#laterKeys.reconfigure(keymap.of(bindings)) });
  }

  /**
   * validate()'s diagnostics, drawn at their places (those without one are skipped).
   * @param {readonly Diagnostic[]} diagnostics
   */
  setDiagnostics(diagnostics) {
    const view = this.view;
    const doc = view.state.doc;
    /** @type {LintMark[]} */
    const marks = [];
    for (const d of diagnostics) {
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

  /**
   * Puts the cursor at a 1-based line and column and focuses the editor.
   * @param {number} line
   * @param {number} column
   */
  focusAt(line, column) {
    const view = this.view;
    view.dispatch({ selection: { anchor: offsetOf(view.state.doc, line, column) }, scrollIntoView: true });
    view.focus();
  }

  destroy() { this.view.destroy(); }

  #followLanguage() {
    const view = this.view;
    const isJson = looksLikeJson(view.state.doc.toString());
    if (isJson === this.#isJson) return;
    this.#isJson = isJson;
    view.dispatch({ effects: this.#language.reconfigure(isJson ? json() : yaml()) });
  }
}

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
