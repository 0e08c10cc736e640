// The procedure's controls evaluated live: each PASS or FAIL with the rows that prove it and their
// ledger sequences, under its id in the control catalogue (the evidence pack prints the same
// evaluation under the same ids) and the requirements it answers.
import { keyflow } from './api.js';
import { failed, fill, h, page, table, time, verdict } from './ui.js';

const SHOWN = 25;

export function renderControls(node, { api }) {
  const body = page(node, 'Controls (OP-PROC-001)', [['Dashboard', '#/dashboard'], ['Keys', '#/keyflow/keys']]);
  keyflow(api, '/compliance/controls').then((report) => fill(body,
    h('p', null, 'Evaluated ', time(report.evaluatedAt), ': ', verdict(report.verdict, report.verdict === 'PASS')),
    report.controls.map(control))).catch((error) => failed(body, error));
}

function control(result) {
  const rows = h('div', null);
  const show = (all) => fill(rows,
    table([
      { label: '', cell: (f) => (f.holds ? '✓' : '✗'), cellAttributes: (f) => ({ class: f.holds ? 'keyflow-good-text' : 'keyflow-bad-text' }) },
      { label: 'Subject', cell: (f) => f.subject },
      { label: 'Fact', cell: (f) => f.statement },
      { label: 'Ledger seq', cell: (f) => f.ledgerSequences.join(', ') },
    ], all ? result.findings : result.findings.slice(0, SHOWN)),
    !all && result.findings.length > SHOWN
      ? h('button', { class: 'btn btn-link btn-sm', onclick: () => show(true) }, `Show all ${result.findings.length} rows`)
      : null);
  show(false);
  return h('section', { class: 'keyflow-control', id: `keyflow-control-${result.id.replace('.', '-')}`, 'data-verdict': result.verdict },
    h('h3', null, verdict(result.verdict, result.verdict === 'PASS'), ` ${result.id} — ${result.title}`),
    h('p', { class: 'keyflow-small keyflow-control-catalogue' },
      `${result.control} · OP-PROC-001 ${result.procedureSteps.join(', ')} · ${result.requirements.join('; ')}`),
    h('p', null, result.summary),
    rows);
}
