// The element's stylesheet, adopted by its shadow root (a constructed sheet: no <style>
// element, no inline style, so a page's CSP needs no 'unsafe-inline'); the later parts' rules
// come with them (later-styles.js). Theming through CSS custom
// properties set on the element or any ancestor: --isi-bg, --isi-fg, --isi-muted, --isi-accent,
// --isi-ok, --isi-bad, --isi-warn, --isi-border, --isi-surface, --isi-focus, --isi-font, --isi-mono,
// and for the editor's tokens --isi-code-key, -string, -atom, -comment, -punct.

// Each colour, border and font falls back to the host's design tokens when it has them —
// PatternFly 6 (--pf-t--global--…), then PatternFly 5 (--pf-v5-global--…) — and then to the
// element's own default, so that inside the OpenShift console it looks like the console.
/**
 * @param {string} own
 * @param {string | null} pf6
 * @param {string | null} pf5
 * @param {string} fallback
 */
function token(own, pf6, pf5, fallback) {
  let value = fallback;
  if (pf5) value = `var(--pf-v5-global--${pf5}, ${value})`;
  if (pf6) value = `var(--pf-t--global--${pf6}, ${value})`;
  return `var(--isi-${own}, ${value})`;
}

// [own name, PatternFly 6 token, PatternFly 5 token, light default, dark default]
/** @type {Array<[string, string | null, string | null, string, string]>} */
const COLOURS = [
  ['bg', 'background--color--primary--default', 'BackgroundColor--100', '#ffffff', '#0f1216'],
  ['fg', 'text--color--regular', 'Color--100', '#1d2127', '#e6e9ee'],
  ['muted', 'text--color--subtle', 'Color--200', '#5c6370', '#a3abb8'],
  ['accent', 'color--brand--default', 'primary-color--100', '#0b57d0', '#8ab4f8'],
  ['ok', 'text--color--status--success--default', 'success-color--100', '#1a7f37', '#57c271'],
  ['bad', 'text--color--status--danger--default', 'danger-color--100', '#c0262d', '#ff7b72'],
  ['warn', 'text--color--status--warning--default', null, '#8a5a00', '#e3b341'],
  ['border', 'border--color--default', 'BorderColor--100', '#d0d7de', '#3a414b'],
  ['surface', 'background--color--secondary--default', 'BackgroundColor--200', '#f6f8fa', '#181c22'],
  ['focus', 'focus-ring--color--default', 'active-color--100', '#0b57d0', '#8ab4f8'],
  ['code-key', null, null, '#0a4fa8', '#8ab4f8'],
  ['code-string', null, null, '#1b6330', '#8fd19e'],
  ['code-atom', null, null, '#8a3b00', '#f0b37e'],
  ['code-comment', null, null, '#5c6370', '#a3abb8'],
  ['code-punct', null, null, '#4a4f57', '#c8ccd4'],
];
const palette = (/** @type {boolean} */ dark) => COLOURS.map(([own, pf6, pf5, light, darkValue]) =>
  `  --_${own}: ${token(own, pf6, pf5, dark ? darkValue : light)};`).join('\n');

const MONO = token('mono', 'font--family--mono', 'FontFamily--monospace', 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace');

// Light and dark follow the host page: PatternFly's dark class on <html> (state "dark"), a page
// with PatternFly's tokens and no dark class (state "light": the console is light then), else
// prefers-color-scheme. host-theme.js sets the states; a browser without :state() drops those
// two rules and follows prefers-color-scheme alone.
const CSS = `
:host {
${palette(false)}
  display: block;
  color: var(--_fg);
  background: var(--_bg);
  font: 15px/1.45 ${token('font', 'font--family--body', 'FontFamily--text', 'system-ui, -apple-system, "Segoe UI", sans-serif')};
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :host {
${palette(true)}
  }
}
:host(:state(light)) {
${palette(false)}
  color-scheme: light;
}
:host(:state(dark)) {
${palette(true)}
  color-scheme: dark;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.25rem; }
@media (min-width: 1000px) { .layout { grid-template-columns: minmax(0, 5fr) minmax(0, 7fr); align-items: start; } }
section.edit, section.results { min-width: 0; }
h2 { font-size: 1.15rem; margin: 0 0 .6rem; }
h3 { font-size: 1.02rem; margin: 0; overflow-wrap: anywhere; }
h4 { font-size: .95rem; margin: .9rem 0 .4rem; }
p { margin: .4rem 0; }
.muted { color: var(--_muted); }
.mono, code, pre, textarea.mono { font-family: ${MONO}; font-size: .88em; }
code { overflow-wrap: anywhere; }
pre.block { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--_surface); border: 1px solid var(--_border); border-radius: 6px; padding: .6rem; margin: .4rem 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
button { font: inherit; border-radius: 6px; padding: .35rem .8rem; border: 1px solid var(--_border); background: var(--_surface); color: var(--_fg); cursor: pointer; }
button:disabled { cursor: not-allowed; opacity: .6; }
button.primary { background: var(--_accent); border-color: var(--_accent); color: var(--_bg); font-weight: 600; padding: .45rem 1.3rem; }
button.danger { color: var(--_bad); }
button.link { background: none; border: none; padding: 0 .2rem; color: var(--_accent); text-decoration: underline; }
button.copy { padding: .05rem .45rem; font-size: .8rem; margin-left: .4rem; }
input, select, textarea { font: inherit; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border); border-radius: 6px; padding: .3rem .45rem; max-width: 100%; }
textarea { width: 100%; }
input[type="checkbox"] { width: 1.05rem; height: 1.05rem; margin: 0; }

details > summary { cursor: pointer; font-weight: 600; padding: .2rem 0; }
details.form-wrap, details.settings { border: 1px solid var(--_border); border-radius: 8px; padding: .4rem .7rem; margin: .6rem 0; background: var(--_surface); }
fieldset { border: 1px solid var(--_border); border-radius: 8px; margin: .6rem 0; padding: .4rem .7rem .6rem; }
legend { font-family: ${MONO}; font-size: .85rem; padding: 0 .3rem; }
.form-row { display: flex; flex-wrap: wrap; gap: .5rem .9rem; align-items: end; margin: .35rem 0; }
.field { display: flex; flex-direction: column; gap: .15rem; min-width: 8rem; flex: 1 1 10rem; }
.field.wide { flex: 3 1 18rem; }
.field.check { flex-direction: row; align-items: center; gap: .4rem; flex: 0 1 auto; min-width: 0; }
.field label { font-size: .85rem; color: var(--_muted); }
.field.check label { color: var(--_fg); font-size: .9rem; }

isi-spec-editor { display: block; border: 1px solid var(--_border); border-radius: 8px; overflow: hidden; }
isi-spec-editor .cm-editor { max-height: 32rem; min-height: 12rem; background: var(--_bg); color: var(--_fg); }
isi-spec-editor .cm-editor.cm-focused { outline: 3px solid var(--_focus); outline-offset: -1px; }
/* Above CodeMirror's own theme (one class more), so that both colour schemes hold their contrast. */
isi-spec-editor .cm-editor .cm-gutters { background: var(--_surface); color: var(--_muted); border-right: 1px solid var(--_border); }
isi-spec-editor .cm-editor .cm-scroller { font-family: ${MONO}; font-size: 13.5px; }
isi-spec-editor .cm-editor .cm-activeLine, isi-spec-editor .cm-editor .cm-activeLineGutter { background: color-mix(in srgb, var(--_accent) 8%, var(--_bg)); }
isi-spec-editor .cm-editor .cm-selectionBackground, isi-spec-editor .cm-editor.cm-focused .cm-selectionBackground { background: color-mix(in srgb, var(--_accent) 30%, var(--_bg)); }
isi-spec-editor .cm-editor .cm-cursor { border-left-color: var(--_fg); }
isi-spec-editor .cm-editor .cm-matchingBracket { background: color-mix(in srgb, var(--_ok) 20%, var(--_bg)); color: inherit; }
isi-spec-editor .cm-editor .cm-tooltip { background: var(--_surface); color: var(--_fg); border: 1px solid var(--_border); }
/* The text area the spec is shown in until CodeMirror comes (spec-editor.js): CodeMirror's box and
   lines (its font, size, line height, the content's padding), its gutters' place and colours (the
   line numbers come with it), the same least and greatest height, so that nothing moves when it
   takes the text area's place. */
isi-spec-editor textarea.plain-editor {
  --_gutter: 54px; /* CodeMirror's gutters (line numbers to 99, folding, lint) */
  display: block; box-sizing: border-box; width: 100%; max-width: none; min-height: 12rem; max-height: 32rem; field-sizing: content;
  margin: 0; border: 0; border-radius: 0; resize: none; overflow: auto; white-space: pre; tab-size: 4;
  font-family: ${MONO}; font-size: 13.5px; line-height: 1.4; padding: 4px 2px 4px calc(var(--_gutter) + 6px);
  color: var(--_fg);
  background: linear-gradient(to right, var(--_surface) calc(var(--_gutter) - 1px), var(--_border) calc(var(--_gutter) - 1px), var(--_border) var(--_gutter), var(--_bg) var(--_gutter));
}
isi-spec-editor textarea.plain-editor:focus-visible { outline: 3px solid var(--_focus); outline-offset: -1px; }

isi-diagnostics { display: block; margin: .6rem 0; min-height: 2.2rem; }
.verdict { font-weight: 600; }
.verdict.ok { color: var(--_ok); }
.verdict.bad { color: var(--_bad); }
.verdict.skipped { color: var(--_warn); }
.verdict .server-text { font-weight: 400; color: var(--_fg); }
ul.diagnostics { list-style: none; padding: 0; margin: .3rem 0; display: grid; gap: .25rem; }
ul.diagnostics li { padding: .3rem .5rem; border-left: 3px solid var(--_bad); background: var(--_surface); border-radius: 0 6px 6px 0; overflow-wrap: anywhere; }
ul.diagnostics li.warning { border-left-color: var(--_warn); }
.position { font-family: ${MONO}; margin-right: .4rem; }
.hint { display: block; color: var(--_muted); font-style: italic; }
.status-code { font-family: ${MONO}; }

isi-import-panel { display: block; margin: .8rem 0; }
.import-actions, .supply-actions { display: flex; gap: .6rem; align-items: center; }
.why, .supply-why { color: var(--_muted); min-height: 1.4em; overflow-wrap: anywhere; }
.progress-row, .supply-progress { display: flex; gap: .6rem; align-items: center; min-height: 1.6rem; }
.progress-row progress, .supply-progress progress { flex: 1 1 auto; height: .8rem; accent-color: var(--_accent); }
.progress-text, .supply-progress-text { font-size: .88rem; color: var(--_muted); min-width: 14rem; }
`;

/** @type {CSSStyleSheet | null} */
let sheet = null;

/**
 * Gives `root` the element's stylesheet (one constructed sheet shared by every instance).
 * @param {ShadowRoot} root
 */
export function adoptStyles(root) {
  sheet ??= new CSSStyleSheet();
  if (sheet.cssRules.length === 0) sheet.replaceSync(CSS);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
