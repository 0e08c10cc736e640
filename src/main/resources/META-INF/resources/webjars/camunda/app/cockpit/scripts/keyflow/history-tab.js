// "History" tab on a process definition: its finished instances with business key, outcome (end
// event), start and end, each linking to the instance page.
import { engine } from './api.js';
import { ensureStyles, failed, fill, h, link, table, time } from './ui.js';

const PAGE_SIZE = 50;

export function renderHistoryTab(node, { api, processDefinitionId }) {
  ensureStyles();
  const body = h('div', { class: 'keyflow-history', id: 'keyflow-history' }, 'Loading finished instances…');
  node.appendChild(body);
  let first = 0;
  const load = () => list(api, processDefinitionId, first).then(({ count, rows }) => fill(body,
    h('p', { class: 'keyflow-count' }, `${count} finished ${count === 1 ? 'instance' : 'instances'} (newest first)`),
    table([
      { label: 'Instance', cell: (r) => link(`#/keyflow/instances/${encodeURIComponent(r.id)}`, r.id) },
      { label: 'Business key', cell: (r) => r.businessKey || '—' },
      { label: 'Outcome', cell: (r) => r.outcome },
      { label: 'Started', cell: (r) => `${time(r.startTime)} by ${r.startUserId || '—'}` },
      { label: 'Ended', cell: (r) => time(r.endTime) },
    ], rows),
    h('div', { class: 'keyflow-pager' },
      h('button', { class: 'btn btn-default btn-sm', disabled: first === 0, onclick: () => { first -= PAGE_SIZE; load(); } }, '‹ Newer'),
      ' ',
      h('button', { class: 'btn btn-default btn-sm', disabled: first + PAGE_SIZE >= count, onclick: () => { first += PAGE_SIZE; load(); } }, 'Older ›'))))
    .catch((error) => failed(body, error));
  load();
}

async function list(api, processDefinitionId, firstResult) {
  const query = { processDefinitionId, finished: true };
  const [count, instances] = await Promise.all([
    engine(api, '/history/process-instance/count', query),
    engine(api, '/history/process-instance', Object.assign({ sortBy: 'endTime', sortOrder: 'desc', firstResult, maxResults: PAGE_SIZE }, query)),
  ]);
  const ids = instances.map((i) => i.id);
  // Only the end events of this page: every one finished after the page's last instance started.
  const ends = ids.length === 0 ? [] : await engine(api, '/history/activity-instance',
    { processDefinitionId, activityType: 'noneEndEvent', finishedAfter: instances[instances.length - 1].startTime })
    .then((all) => all.filter((a) => ids.includes(a.processInstanceId)));
  const outcome = (instance) => ends.filter((e) => e.processInstanceId === instance.id)
    .map((e) => e.activityName || e.activityId).join(', ') || (instance.deleteReason ? `deleted: ${instance.deleteReason}` : instance.state);
  return { count: count.count, rows: instances.map((i) => Object.assign({ outcome: outcome(i) }, i)) };
}
