// React 17's entry: ReactDOM.render.
import { createElement } from 'react';
import { render } from 'react-dom';
import { App } from './react-app.js';

const root = document.createElement('div');
document.body.append(root);
render(createElement(App), root);
