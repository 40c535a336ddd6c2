// Building DOM without HTML strings: every text from a document or a registry (labels, messages,
// tag names) goes in through textContent or an attribute value, never through markup.

/**
 * What h() takes besides the tag: `class` (a name, or names with falsy ones skipped), `text`,
 * `attrs` (true: present and empty; false, null, undefined: absent), `on` (listeners), `dataset`,
 * and any other key as a DOM property of the element.
 * @typedef {{
 *   class?: string | Array<string | false | null | undefined>,
 *   text?: unknown,
 *   attrs?: Record<string, string | number | boolean | null | undefined>,
 *   on?: Record<string, (event: Event) => void>,
 *   dataset?: Record<string, string>,
 *   [property: string]: unknown,
 * }} Props
 */
/**
 * A child h() and replaceChildren() take: a node, text (strings and numbers), an array of
 * children, or nothing (null, undefined, false: skipped).
 * @typedef {Node | string | number | false | null | undefined | Children} Child
 */
/** @typedef {Array<Child>} Children */
/**
 * A row of table(): its cells, or its cells and a class.
 * @typedef {Child[] | { className?: string, cells: Child[] }} TableRow
 */

/**
 * h('button', {class: 'x', type: 'button', on: {click}, attrs: {'aria-label': 'Copy'}}, 'Copy')
 * Props: `class`, `text`, `attrs` (set with setAttribute), `on` (listeners), `dataset`, and any
 * other key as a DOM property (value, checked, disabled, hidden, …). Children: nodes, strings
 * (text nodes), arrays, and null/undefined/false (skipped).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props | null} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null) continue;
    if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'attrs') for (const [name, v] of Object.entries(/** @type {NonNullable<Props['attrs']>} */ (value))) { if (v !== undefined && v !== null && v !== false) el.setAttribute(name, v === true ? '' : String(v)); }
    else if (key === 'on') for (const [type, listener] of Object.entries(/** @type {NonNullable<Props['on']>} */ (value))) el.addEventListener(type, listener);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else /** @type {Record<string, unknown>} */ (el)[key] = value;
  }
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Child[]} children
 */
function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replaces every child of `el`.
 * @template {Element} E
 * @param {E} el
 * @param {...Child} children
 * @returns {E}
 */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let nextId = 0;
/** A document-unique id for label/aria wiring inside a shadow root. */
export const uid = (/** @type {string} */ prefix) => `${prefix}-${++nextId}`;

/**
 * Runs `fn` once the frame after this one has been drawn: work that should not hold back what
 * the current task shows (a requestAnimationFrame callback runs before that frame is drawn; the
 * task it queues runs after). In a tab not shown, when it is shown.
 * @param {() => void} fn
 */
export function afterNextPaint(fn) {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

/**
 * Bytes as people read them: 1 decimal place, binary units.
 * @param {number} n
 */
export function formatBytes(n) {
  if (!Number.isFinite(n)) return '';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${v.toFixed(1)} ${units[u]}`;
}

/** A share (0–1) as a percentage: whole from 10% up, 1 decimal place below. */
export const formatPercent = (/** @type {number} */ share) => `${(share * 100).toFixed(share >= 0.1 ? 0 : 1)}%`;

/**
 * A value shown whole in monospace, selectable, with a copy button beside it.
 * @param {string} value
 * @param {string} label what the value is, for the button's accessible name
 */
export function copyable(value, label) {
  const text = h('code', { class: 'mono', text: value });
  const button = h('button', {
    type: 'button',
    class: 'copy',
    text: 'Copy',
    attrs: { 'aria-label': `Copy ${label}` },
    on: {
      click: async () => {
        try {
          await navigator.clipboard.writeText(value);
          button.textContent = 'Copied';
        } catch {
          // No clipboard permission: select the text so that Ctrl+C does it.
          const range = document.createRange();
          range.selectNodeContents(text);
          // A shadow root has getSelection() in Chromium only; elsewhere the window's.
          const root = /** @type {Node & { getSelection?: () => Selection | null }} */ (text.getRootNode());
          const selection = root.getSelection?.() ?? window.getSelection();
          selection?.removeAllRanges();
          selection?.addRange(range);
          button.textContent = 'Selected';
        }
        setTimeout(() => { button.textContent = 'Copy'; }, 1500);
      },
    },
  });
  return h('span', { class: 'copyable' }, text, button);
}

/**
 * A definition list from [term, value] pairs (values: nodes or text; empty ones skipped).
 * @param {Array<[string, Child]>} pairs
 */
export function facts(pairs) {
  const dl = h('dl', { class: 'facts' });
  for (const [term, value] of pairs) {
    if (value === undefined || value === null || value === '') continue;
    dl.append(h('dt', { text: term }), h('dd', {}, value));
  }
  return dl;
}

/**
 * A table: headers, rows of cells (nodes or text), an optional caption.
 * @param {string[]} headers
 * @param {TableRow[]} rows
 * @param {{ caption?: string, className?: string }} [options]
 */
export function table(headers, rows, { caption, className } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: className },
      caption ? h('caption', { text: caption }) : null,
      h('thead', {}, h('tr', {}, headers.map((name) => h('th', { attrs: { scope: 'col' }, text: name })))),
      h('tbody', {}, rows.map((row) => (Array.isArray(row)
        ? h('tr', {}, row.map((cell) => h('td', {}, cell)))
        : h('tr', { class: row.className }, row.cells.map((cell) => h('td', {}, cell))))))));
}

/**
 * Offers `text` as a file named `name` (the browser's download).
 * @param {string} name
 * @param {string} text
 * @param {string} type its media type
 */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
