// A consumer's React app with isimport/react: every prop the wrapper takes, and its events kept on
// window for the test. window.__consumer.setResult(answer) renders again with a `result` prop.
import { createElement, useState } from 'react';
import { IsimportPreview } from 'isimport/react';

const seen = { validations: [], progress: 0, done: null, element: null, renders: 0 };
window.__consumer = seen;

export function App() {
  const [result, setResult] = useState(undefined);
  seen.setResult = setResult;
  seen.renders++;
  return createElement(IsimportPreview, {
    spec: new URLSearchParams(location.search).get('spec') ?? '',
    platform: 'linux/arm64',
    concurrency: 2,
    proxyPrefix: '',
    readOnly: true,
    className: 'consumer-preview',
    credentials: { auths: {} },
    result,
    ref: (element) => { seen.element = element; },
    onValidate: (validation) => seen.validations.push(validation.valid),
    onProgress: () => { seen.progress++; },
    onDone: (answer, event) => { seen.done = answer; seen.doneEventType = event.type; },
  });
}
