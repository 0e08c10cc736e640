// The key inventory: filter by state, purpose, environment and overdue; sort by column; page.
import { hashQuery, keyflow } from './api.js';
import { failed, fill, h, link, page, table, time } from './ui.js';

const FILTERS = {
  state: ['', 'PRE_ACTIVE', 'ACTIVE', 'DEACTIVATED', 'COMPROMISED', 'DESTROYED', 'DESTROYED_COMPROMISED'],
  purpose: ['', 'DATA_AT_REST', 'DATA_IN_TRANSIT', 'KEY_WRAPPING', 'SIGNING', 'MAC'],
  environment: ['', 'PRODUCTION', 'TEST'],
  overdue: ['', 'true', 'false'],
};
const PAGE_SIZE = 50;

export function renderKeys(node, { api }) {
  const body = page(node, 'Keys', [['Dashboard', '#/dashboard']]);
  const query = hashQuery();
  const state = { sort: query.get('sort') || 'alias', page: 0 };
  for (const name of Object.keys(FILTERS)) state[name] = query.get(name) || '';
  const filters = h('form', { class: 'form-inline keyflow-filters', onsubmit: (e) => e.preventDefault() },
    Object.entries(FILTERS).map(([name, values]) => h('label', null, `${name} `,
      h('select', { class: 'form-control input-sm', name, onchange: (e) => { state[name] = e.target.value; state.page = 0; load(); } },
        values.map((v) => h('option', { value: v, selected: v === state[name] }, v === '' ? 'any' : v))))));
  const results = h('div', null);
  fill(body, filters, results);

  function load() {
    const params = new URLSearchParams({ sort: state.sort, page: state.page, size: PAGE_SIZE });
    for (const name of Object.keys(FILTERS)) if (state[name]) params.set(name, state[name]);
    keyflow(api, `/compliance/keys?${params}`).then((result) => show(result)).catch((error) => failed(results, error));
  }

  function sortable(label, column) {
    const active = state.sort.replace(/^-/, '') === column;
    const arrow = active ? (state.sort.startsWith('-') ? ' ▼' : ' ▲') : '';
    return h('a', { href: '', class: 'keyflow-sort', onclick: (e) => {
      e.preventDefault();
      state.sort = active && !state.sort.startsWith('-') ? `-${column}` : column;
      load();
    } }, label + arrow);
  }

  function show(result) {
    const pages = Math.max(1, Math.ceil(result.total / result.size));
    fill(results,
      h('p', { class: 'keyflow-count' }, `${result.total} ${result.total === 1 ? 'key matches' : 'keys match'}`),
      table([
        { label: sortable('Alias', 'alias'), cell: (k) => link(`#/keyflow/keys/${encodeURIComponent(k.alias)}`, k.alias) },
        { label: sortable('Purpose', 'purpose'), cell: (k) => k.purpose },
        { label: 'Algorithm', cell: (k) => k.algorithm },
        { label: sortable('Environment', 'environment'), cell: (k) => k.environment },
        { label: sortable('Primary version', 'state'), cell: (k) => k.primaryVersion ? `v${k.primaryVersion} ${k.primaryState}` : '—' },
        { label: sortable('Protect-stop', 'protectStop'), cell: (k) => time(k.protectStop) },
        { label: 'Days left', cell: (k) => k.daysLeft ?? '', cellAttributes: (k) => ({ class: k.overdue ? 'keyflow-bad-text' : null }) },
        { label: 'Holders', cell: (k) => k.holders.join(', ') || '—' },
      ], result.rows, { id: 'keyflow-keys' }),
      h('div', { class: 'keyflow-pager' },
        h('button', { class: 'btn btn-default btn-sm', disabled: state.page === 0, onclick: () => { state.page--; load(); } }, '‹ Previous'),
        ` Page ${result.page + 1} of ${pages} `,
        h('button', { class: 'btn btn-default btn-sm', disabled: state.page + 1 >= pages, onclick: () => { state.page++; load(); } }, 'Next ›')));
  }

  load();
}
