// The page: <isimport-preview> filling the window, its spec kept in the URL fragment so that any
// preview is a link (fragment.js). Nothing of the import is stored anywhere.
import '../element/index.js';
import { afterNextPaint } from '../element/dom.js';
import { readFragment, writeFragment } from './fragment.js';

const preview = required(document.querySelector('isimport-preview'), '<isimport-preview>');
const notice = required(document.getElementById('notice'), '#notice');
const copyLink = required(document.getElementById('copy-link'), '#copy-link');

preview.setAttribute('proxy-hint', new URL('proxy/', location.href).href);

let state = readFragment(location.hash);
let pendingRun = false;

/** @param {import('./fragment.js').Fragment} fragment */
function load(fragment) {
  notice.hidden = !fragment.error;
  notice.textContent = fragment.error ? `The link's spec could not be read: ${fragment.error}.` : '';
  if (fragment.spec !== undefined) preview.spec = fragment.spec;
  if (fragment.proxy !== undefined) preview.setAttribute('proxy-prefix', fragment.proxy);
  pendingRun = fragment.run;
}
load(state);

// run=1: import once, as soon as the spec has been validated and is valid; started after the
// frame that shows the validation, which would otherwise wait for the import's first steps.
preview.addEventListener('validate', (event) => {
  if (pendingRun && event.detail.valid) {
    pendingRun = false;
    afterNextPaint(() => preview.import());
  }
  keepInFragment();
});

/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
let written = location.hash;
function keepInFragment() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const fragment = writeFragment({ spec: preview.spec, run: state.run && preview.spec === state.spec, proxy: state.proxy });
    if (fragment === location.hash) return;
    written = fragment;
    history.replaceState(null, '', fragment);
  }, 250);
}

window.addEventListener('hashchange', () => {
  if (location.hash === written) return;
  state = readFragment(location.hash);
  load(state);
});

copyLink.addEventListener('click', async () => {
  clearTimeout(timer);
  const url = new URL(location.href);
  url.hash = writeFragment({ spec: preview.spec, proxy: state.proxy });
  try {
    await navigator.clipboard.writeText(url.href);
    copyLink.textContent = 'Link copied';
  } catch {
    copyLink.textContent = 'Copy the address bar';
  }
  setTimeout(() => { copyLink.textContent = 'Copy link'; }, 1500);
});

/**
 * An element of index.html, which the page cannot work without.
 * @template {Element} E
 * @param {E | null} element
 * @param {string} what
 * @returns {E}
 */
function required(element, what) {
  if (!element) throw new Error(`index.html has no ${what}`);
  return element;
}
