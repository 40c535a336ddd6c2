// The stylesheet of the element's later parts (later-parts.js): the answer's views, the CORS help
// and the supply-chain panel, which no first validation shows. Adopted by the element's shadow
// root, after its own sheet (styles.js, where the custom properties are), when those parts come
// and before they are put in place; a constructed sheet like the other (no inline style).

const CSS = `
.results .placeholder { padding: 1rem; border: 1px dashed var(--_border); border-radius: 8px; }
.summary { font-weight: 600; }
.card, isi-image-card, isi-repository, isi-stream, isi-pulls, isi-export, isi-cors-help { display: block; }
.card { border: 1px solid var(--_border); border-left-width: 4px; border-radius: 8px; padding: .6rem .8rem; margin: .7rem 0; background: var(--_bg); min-width: 0; }
.card.ok { border-left-color: var(--_ok); }
.card.bad { border-left-color: var(--_bad); }
.card.cors { border-left-color: var(--_warn); }
.card > header { display: flex; justify-content: space-between; align-items: baseline; gap: .6rem; flex-wrap: wrap; }
.badge { display: inline-block; font-size: .78rem; font-weight: 700; padding: .05rem .5rem; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
.badge.ok { color: var(--_ok); }
.badge.bad { color: var(--_bad); }
.badge.warn { color: var(--_warn); }
.badge.neutral { color: var(--_muted); }
.failure { overflow-wrap: anywhere; }
.failure strong { color: var(--_bad); }
.warning-text { color: var(--_warn); font-weight: 600; }
.note { background: var(--_surface); border-radius: 6px; padding: .35rem .6rem; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem .8rem; margin: .5rem 0; }
dl.facts dt { color: var(--_muted); }
dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.copyable { display: inline; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; font-size: .9rem; }
caption { text-align: left; color: var(--_muted); font-size: .82rem; padding: .2rem 0; }
th, td { text-align: left; padding: .25rem .45rem; border-bottom: 1px solid var(--_border); vertical-align: top; }
th { font-weight: 600; background: var(--_surface); }
td code.digest { font-size: .78rem; word-break: break-all; }
tr.legacy td { background: color-mix(in srgb, var(--_accent) 12%, transparent); }
tr.additional td { color: var(--_muted); }
tr.total td { font-weight: 600; }
.share { white-space: nowrap; }
meter { width: 4.5rem; vertical-align: middle; }
ul.plain { margin: 0; padding-left: 1.1rem; }
.label-value { overflow-wrap: anywhere; }
.tag-failure { display: flex; gap: .5rem; align-items: baseline; flex-wrap: wrap; }
isi-export textarea { min-height: 10rem; }

isi-supply-panel, isi-supply-inputs, isi-supply-chain, isi-artifact-list { display: block; }
.card.supply-panel { border-left-color: var(--_accent); }
.supply-outcome { font-weight: 600; min-height: 1.2em; }
.file-row { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; margin: .25rem 0; }
.input-problem:empty { display: none; }
.input-problem { margin: .2rem 0 .4rem; }
textarea[aria-invalid="true"] { border-color: var(--_bad); }
isi-supply-chain { border-top: 1px solid var(--_border); margin-top: .8rem; padding-top: .3rem; }
.supply-subject + .supply-subject { border-top: 1px dashed var(--_border); margin-top: .5rem; padding-top: .2rem; }
h5, h6 { font-size: .9rem; margin: .7rem 0 .3rem; }
.policy p { margin: .25rem 0; }
.policy .reason { overflow-wrap: anywhere; }
ul.artifacts { list-style: none; padding: 0; margin: .3rem 0; display: grid; gap: .35rem; }
ul.artifacts li { padding: .35rem .6rem; border-left: 3px solid var(--_border); background: var(--_surface); border-radius: 0 6px 6px 0; }
ul.artifacts li.verified { border-left-color: var(--_ok); }
ul.artifacts li.failed { border-left-color: var(--_warn); }
ul.artifacts li .reason { overflow-wrap: anywhere; }
ul.artifacts dl.facts { margin: .25rem 0 0; font-size: .9rem; }
`;

/** @type {CSSStyleSheet | null} */
let sheet = null;

/**
 * Gives `root` the later parts' stylesheet, once (one constructed sheet shared by every instance).
 * @param {ShadowRoot} root
 */
export function adoptLaterStyles(root) {
  sheet ??= new CSSStyleSheet();
  if (sheet.cssRules.length === 0) sheet.replaceSync(CSS);
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
