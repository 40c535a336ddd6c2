// <isi-spec-editor>: the spec's text, first in a plain text area styled as the code editor is
// (the same font, size, line height and padding, a gutter's place, the same height), then, once
// upgrade() has brought CodeMirror (code-editor.js, a chunk of its own), in CodeMirror 6: YAML or
// JSON highlighting, the validation's diagnostics drawn at their line and column, search's keys
// when they come (`laterKeymap`). The element shows its first validation with the text area and
// upgrades right after; the text, the selection, the focus, the scroll position and the
// diagnostics are carried over. Either way it sends `spec-text` ({text}) on every edit the user
// makes; setting `text` does not echo.

import { partEvent } from './events.js';

/** @typedef {import('../lib/api.js').Diagnostic} Diagnostic */
/** @typedef {import('@codemirror/view').KeyBinding} KeyBinding */
/** @typedef {typeof import('./code-editor.js').CodeEditor} CodeEditorClass */
/** @typedef {import('./code-editor.js').CodeEditor} CodeEditor */

// Where field-sizing is not known (not Chromium), the text area is sized to its text by script.
const sizesItself = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

export class SpecEditor extends HTMLElement {
  /** @type {HTMLTextAreaElement | null} the text area, until CodeMirror replaces it */
  #area = null;
  /** @type {CodeEditor | null} */
  #code = null;
  /** @type {CodeEditorClass | null} code-editor.js's editor, once upgrade() has brought it */
  #codeEditor = null;
  /** @type {Promise<void> | null} */
  #upgrading = null;
  #text = '';
  /** @type {{ anchor: number, head: number } | undefined} kept while disconnected */
  #selection = undefined;
  #readonly = false;
  /** @type {readonly KeyBinding[]} */
  #laterBindings = [];
  /** @type {Diagnostic[]} */
  #diagnostics = [];

  connectedCallback() {
    if (this.#code || this.#area) return;
    if (this.#codeEditor) this.#mountCode(this.#codeEditor);
    else this.#mountArea();
  }

  disconnectedCallback() {
    // CodeMirror's view is made again when the element is connected again (a text area needs nothing).
    const code = this.#code;
    if (!code) return;
    this.#text = code.text;
    const { anchor, head } = code.view.state.selection.main;
    this.#selection = { anchor, head };
    code.destroy();
    this.#code = null;
  }

  get text() { return this.#code ? this.#code.text : this.#text; }

  set text(value) {
    const text = String(value ?? '');
    this.#text = text;
    if (this.#code) this.#code.setText(text);
    else if (this.#area && this.#area.value !== normalized(text)) {
      this.#area.value = text;
      this.#fitArea();
    }
  }

  /** @param {boolean} value */
  set readonly(value) {
    this.#readonly = Boolean(value);
    if (this.#area) this.#area.readOnly = this.#readonly;
    this.#code?.setReadonly(this.#readonly);
  }

  /**
   * Key bindings that came after the editor (search's, from the element's later parts), bound
   * after its own once CodeMirror is there.
   * @param {readonly KeyBinding[]} bindings
   */
  set laterKeymap(bindings) {
    this.#laterBindings = bindings;
    this.#code?.setLaterKeys(bindings);
  }

  /**
   * validate()'s diagnostics ({severity, message, line?, column?, hint?}), drawn by CodeMirror
   * (the text area has no marks: the list under it says where each is).
   * @param {Diagnostic[] | null | undefined} list
   */
  set diagnostics(list) {
    this.#diagnostics = Array.isArray(list) ? list : [];
    this.#code?.setDiagnostics(this.#diagnostics);
  }

  /**
   * Puts the cursor at a 1-based line and column and focuses the editor.
   * @param {number} line
   * @param {number} column
   */
  focusAt(line, column) {
    if (this.#code) {
      this.#code.focusAt(line, column);
      return;
    }
    const area = this.#area;
    if (!area) return;
    const at = areaOffset(area.value, line, column);
    area.focus();
    area.setSelectionRange(at, at);
  }

  /**
   * Brings CodeMirror and puts it in the text area's place. Resolves once it is there (or, while
   * disconnected, once it will be when connected); rejects when code-editor.js cannot be loaded,
   * the text area staying (the next call tries again).
   * @returns {Promise<void>}
   */
  upgrade() {
    return this.#upgrading ??= import('./code-editor.js').then(({ CodeEditor }) => {
      this.#codeEditor = CodeEditor;
      if (this.isConnected && !this.#code) this.#mountCode(CodeEditor);
    }, (error) => {
      this.#upgrading = null;
      throw error;
    });
  }

  #mountArea() {
    const area = document.createElement('textarea');
    area.className = 'plain-editor';
    area.value = this.#text;
    area.readOnly = this.#readonly;
    area.spellcheck = false;
    area.wrap = 'off';
    area.autocomplete = 'off';
    area.setAttribute('autocapitalize', 'off');
    area.setAttribute('aria-label', 'Spec, YAML or JSON');
    area.addEventListener('input', () => {
      this.#text = area.value;
      this.#fitArea();
      this.dispatchEvent(partEvent('spec-text', { text: area.value }));
    });
    this.#area = area;
    this.append(area);
    this.#fitArea();
  }

  /** @param {CodeEditorClass} CodeEditor */
  #mountCode(CodeEditor) {
    const area = this.#area;
    // Connected: the root is the document or (inside <isimport-preview>) its shadow root.
    const root = /** @type {Document | ShadowRoot} */ (this.getRootNode());
    const focused = area !== null && root.activeElement === area;
    const selection = area
      ? (area.selectionDirection === 'backward' ? { anchor: area.selectionEnd, head: area.selectionStart } : { anchor: area.selectionStart, head: area.selectionEnd })
      : this.#selection;
    const scroll = area ? { top: area.scrollTop, left: area.scrollLeft } : null;
    const code = new CodeEditor({
      parent: this,
      root,
      // The text area's text: what the user typed there (its lines end in \n, as CodeMirror's do).
      text: area ? area.value : this.#text,
      selection,
      readonly: this.#readonly,
      laterKeys: this.#laterBindings,
      onEdit: (text) => {
        this.#text = text;
        this.dispatchEvent(partEvent('spec-text', { text }));
      },
    });
    this.#code = code;
    area?.remove();
    this.#area = null;
    code.setDiagnostics(this.#diagnostics);
    if (focused) code.view.focus();
    if (scroll) {
      code.view.scrollDOM.scrollTop = scroll.top;
      code.view.scrollDOM.scrollLeft = scroll.left;
    }
  }

  // The text area's height follows its text, between the editor's least and greatest (styles.js).
  #fitArea() {
    const area = this.#area;
    if (!area || sizesItself || !area.isConnected) return;
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight + area.offsetHeight - area.clientHeight}px`;
  }
}

/**
 * `text` as a text area holds it (its line breaks are \n).
 * @param {string} text
 */
const normalized = (text) => text.replace(/\r\n?/g, '\n');

/**
 * The offset in a text area's value of a 1-based line and column, clamped into the text.
 * @param {string} value
 * @param {number} line
 * @param {number} column
 */
function areaOffset(value, line, column) {
  let from = 0;
  for (let l = 1; l < line; l++) {
    const next = value.indexOf('\n', from);
    if (next === -1) break;
    from = next + 1;
  }
  const end = value.indexOf('\n', from);
  return Math.min(from + Math.max(0, column - 1), end === -1 ? value.length : end);
}
