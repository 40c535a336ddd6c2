// React 18's and 19's entry: createRoot.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './react-app.js';

const root = document.createElement('div');
document.body.append(root);
createRoot(root).render(createElement(App));
