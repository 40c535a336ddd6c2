// isimport/react: <IsimportPreview>, the <isimport-preview> element as a React component, for
// React 17, 18 and 19 (react is a peer dependency, never bundled here).
//
//   import { IsimportPreview } from 'isimport/react';
//   <IsimportPreview spec={yaml} platform="linux/arm64" readOnly result={answer} onDone={(answer) => …} />
//
// React before 19 hands a custom element every prop as a string attribute and binds none of its
// events, and React 19 guesses between attribute and property: the wrapper does neither. It
// renders the bare element and, through a ref, sets the properties and attributes and listens to
// the events itself, so every React version behaves alike.
import { createElement, forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import '../element/index.js';

// React's own types are not a dependency (index.d.ts names none): what comes from 'react' is
// unchecked; the props and the element are typed from index.d.ts and ../element/index.d.ts.
/** @typedef {import('./index.js').IsimportPreviewProps} IsimportPreviewProps */
/** @typedef {import('../element/index.js').IsimportPreview} IsimportPreviewElement */
/** @typedef {{ current: IsimportPreviewElement | null }} ElementRef */

// Props that are the element's attributes: [prop, attribute, how the value is written].
/** @type {Array<['platform' | 'proxyPrefix' | 'concurrency' | 'readOnly', string, (value: string | number | boolean) => string | null]>} */
const ATTRIBUTES = [
  ['platform', 'platform', String],
  ['proxyPrefix', 'proxy-prefix', String],
  ['concurrency', 'concurrency', String],
  ['readOnly', 'readonly', (on) => (on ? '' : null)],
];
// Event props and the element's events; a handler receives the event's detail, then the event.
/** @type {Record<'onValidate' | 'onProgress' | 'onDone', 'validate' | 'progress' | 'done'>} */
const EVENTS = { onValidate: 'validate', onProgress: 'progress', onDone: 'done' };

export const IsimportPreview = forwardRef(function IsimportPreview(/** @type {IsimportPreviewProps} */ props, /** @type {IsimportPreviewProps['ref']} */ ref) {
  const { spec, className, style, id } = props;
  /** @type {ElementRef} */
  const element = useRef(null);
  // React makes the handle after mounting, when the element is there.
  useImperativeHandle(ref, () => /** @type {NonNullable<typeof element.current>} */ (element.current), []);

  // The latest handlers, read when an event comes, so listeners are added once.
  /** @type {{ current: IsimportPreviewProps }} */
  const handlers = useRef(props);
  handlers.current = props;
  useEffect(() => {
    const el = element.current;
    if (!el) return; // rendered: React has set the ref before effects run
    const listeners = /** @type {Array<[keyof typeof EVENTS, string]>} */ (Object.entries(EVENTS)).map(([prop, type]) => {
      // Each event's handler takes that event's detail (EVENTS pairs them).
      /** @param {Event} event */
      const listener = (event) => /** @type {((detail: unknown, event: Event) => void) | undefined} */ (handlers.current[prop])?.(/** @type {Event & { detail: unknown }} */ (event).detail, event);
      el.addEventListener(type, listener);
      return () => el.removeEventListener(type, listener);
    });
    return () => listeners.forEach((remove) => remove());
  }, []);

  useLayoutEffect(() => {
    const el = element.current;
    if (!el) return;
    for (const [prop, attribute, write] of ATTRIBUTES) {
      const value = props[prop] === undefined || props[prop] === null ? null : write(props[prop]);
      if (value === null) el.removeAttribute(attribute);
      else if (el.getAttribute(attribute) !== value) el.setAttribute(attribute, value);
    }
  }, ATTRIBUTES.map(([prop]) => props[prop]));

  // Each set only when it changes: a re-render must not undo what a person typed into the editor.
  useProperty(element, 'spec', typeof spec === 'string' || spec === undefined || spec === null ? spec : JSON.stringify(spec, null, 2));
  useProperty(element, 'credentials', props.credentials);
  useProperty(element, 'currentImageStream', props.currentImageStream);
  useProperty(element, 'result', props.result);

  return createElement('isimport-preview', { ref: element, class: className, style, id });
});

// One property of the element, set when its prop changes (an undefined prop leaves it alone).
/**
 * @template {'spec' | 'credentials' | 'currentImageStream' | 'result'} K
 * @param {ElementRef} element
 * @param {K} name
 * @param {IsimportPreviewElement[K] | undefined} value
 */
function useProperty(element, name, value) {
  useLayoutEffect(() => {
    if (value !== undefined && element.current) element.current[name] = value;
  }, [value]);
}
