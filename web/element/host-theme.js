// The host page's theme, for an element embedded in a PatternFly console: "dark" when <html>
// carries PatternFly's dark class (v6 or v5, as the OpenShift console sets it), "light" when the
// page has PatternFly's tokens without it, null otherwise (the element then follows
// prefers-color-scheme). Kept current as the console switches theme, through a custom state of
// the element (styles.js), so nothing is written into the host's attributes.

const DARK_CLASSES = ['pf-v6-theme-dark', 'pf-v5-theme-dark'];
const TOKENS = ['--pf-t--global--background--color--primary--default', '--pf-v5-global--BackgroundColor--100'];

/**
 * 'dark' | 'light' | null for a document.
 * @param {Document} doc
 * @returns {'dark' | 'light' | null}
 */
export function hostTheme(doc) {
  const root = doc.documentElement;
  if (DARK_CLASSES.some((name) => root.classList.contains(name))) return 'dark';
  const style = getComputedStyle(root);
  return TOKENS.some((name) => style.getPropertyValue(name).trim() !== '') ? 'light' : null;
}

/**
 * Follows the host's theme into `internals.states` ('light' or 'dark'); returns the function that
 * stops following. Without CustomStateSet (older browsers) it does nothing.
 * @param {ElementInternals | null | undefined} internals
 * @param {Document} [doc]
 * @returns {() => void}
 */
export function followHostTheme(internals, doc = document) {
  const states = internals?.states;
  if (!states || typeof CSS === 'undefined' || !CSS.supports('selector(:state(dark))')) return () => {};
  const apply = () => {
    const theme = hostTheme(doc);
    for (const name of ['light', 'dark']) {
      if (name === theme) states.add(name);
      else states.delete(name);
    }
  };
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  return () => observer.disconnect();
}
