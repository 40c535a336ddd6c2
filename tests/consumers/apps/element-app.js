// A consumer's page with the element, as bundled by Vite, webpack and esbuild: the spec comes
// from the page's query (?spec=…), and what the element reports is kept on window for the test.
import 'isimport/element';

const seen = { validations: [], progress: 0, done: null };
window.__consumer = seen;
const preview = document.createElement('isimport-preview');
preview.setAttribute('spec', new URLSearchParams(location.search).get('spec') ?? '');
preview.addEventListener('validate', (event) => seen.validations.push(event.detail.valid));
preview.addEventListener('progress', () => { seen.progress++; });
preview.addEventListener('done', (event) => { seen.done = event.detail; });
document.body.append(preview);
