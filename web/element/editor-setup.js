// The text editor's extensions: what a spec editor needs of CodeMirror 6 and no more (no
// autocompletion, no bracket closing), and a highlight style drawn from the element's custom
// properties, so that every token keeps its contrast in light and dark schemes. Search (its keys
// and panel) is not here: it comes with the element's later parts (spec-editor.js, laterKeymap).

import { drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { bracketMatching, foldGutter, foldKeymap, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { tags } from '@lezer/highlight';

const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--_code-key)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--_code-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom, tags.keyword], color: 'var(--_code-atom)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--_code-comment)', fontStyle: 'italic' },
  { tag: [tags.meta, tags.typeName, tags.labelName, tags.punctuation, tags.separator, tags.operator], color: 'var(--_code-punct)' },
  { tag: tags.invalid, color: 'var(--_bad)' },
]);

export const editorSetup = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  foldGutter(),
  drawSelection(),
  indentOnInput(),
  syntaxHighlighting(highlight),
  bracketMatching(),
  highlightActiveLine(),
  lintGutter(),
  // Tab is left to the browser, so the keyboard can leave the editor.
  keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap]),
];
