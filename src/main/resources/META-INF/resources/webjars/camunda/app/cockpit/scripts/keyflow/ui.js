// Small DOM helpers for Keyflow's Cockpit pages. Every value is set as text, never as HTML:
// ledger details and process variables hold user input (justifications, comments).

/** Creates an element: h('td', {class: 'x', title: 'y'}, 'text', childNode, ...). */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.substring(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A table with a header row and one row per item, each cell made by a column's cell(item). */
export function table(columns, items, attributes) {
  return h('table', Object.assign({ class: 'table table-bordered table-condensed keyflow-table' }, attributes),
    h('thead', null, h('tr', null, columns.map((c) => h('th', c.attributes || null, c.label)))),
    h('tbody', null, items.length === 0
      ? h('tr', null, h('td', { colspan: columns.length, class: 'keyflow-empty' }, 'Nothing recorded.'))
      : items.map((item) => h('tr', null, columns.map((c) => h('td', c.cellAttributes ? c.cellAttributes(item) : null, c.cell(item)))))));
}

/** A date-time as people read it (UTC), or an empty string. */
export function time(value) {
  if (!value) return '';
  const date = new Date(value);
  return isNaN(date) ? String(value) : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}

/** A duration in minutes as "3 d 4 h" / "5 h 2 min" / "7 min". */
export function age(minutes) {
  if (minutes === null || minutes === undefined) return '';
  if (minutes >= 1440) return `${Math.floor(minutes / 1440)} d ${Math.floor((minutes % 1440) / 60)} h`;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${minutes} min`;
}

/** A verdict badge: PASS/VALID green, FAIL/INVALID red. */
export function verdict(text, good) {
  return h('span', { class: `keyflow-verdict ${good ? 'keyflow-good' : 'keyflow-bad'}`, 'data-verdict': text }, text);
}

/** A page skeleton: title, optional breadcrumb links, then the body; returns the body element. */
export function page(node, title, crumbs) {
  ensureStyles();
  node.textContent = '';
  const body = h('div', { class: 'keyflow-body' }, h('p', { class: 'keyflow-loading' }, 'Loading…'));
  node.appendChild(h('div', { class: 'keyflow-page ctn-main' },
    h('div', { class: 'keyflow-crumbs' }, (crumbs || []).map(([label, href]) => [h('a', { href }, label), ' › '])),
    h('h1', { class: 'keyflow-title' }, title),
    body));
  return body;
}

/** Replaces the element's content with the children. */
export function fill(element, ...children) {
  element.textContent = '';
  for (const child of children.flat(Infinity)) if (child) element.appendChild(child);
  return element;
}

/** Shows an error in place of content: the problem's detail when the server gave one. */
export function failed(element, error) {
  fill(element, h('div', { class: 'alert alert-danger keyflow-error' }, error && error.message ? error.message : String(error)));
}

export function link(href, text) {
  return h('a', { href }, text);
}

let styled = false;

/** Adds Keyflow's stylesheet once. */
export function ensureStyles() {
  if (styled) return;
  styled = true;
  document.head.appendChild(h('link', { rel: 'stylesheet', href: new URL('./keyflow.css?v=1', import.meta.url).href }));
}
