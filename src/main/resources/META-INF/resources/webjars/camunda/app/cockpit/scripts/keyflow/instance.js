// A process instance, finished or not, from the history API (what Community Edition Cockpit cannot
// show): diagram with the path taken, approval tasks with the recorded decision, variables (except
// secrets), incidents and the user operation log.
import { engine, keyflow, param } from './api.js';
import { drawPath } from './diagram.js';
import { failed, fill, h, link, page, table, time } from './ui.js';

const SECRET = /secret|password|passwd|pin$|^pin|wrapped|material|private|token/i;

export function renderInstance(node, { api }) {
  const id = param(/#\/keyflow\/instances\/([^/?]+)/);
  const body = page(node, 'Process instance', [['Dashboard', '#/dashboard'], ['Keys', '#/keyflow/keys']]);
  load(api, id, body).catch((error) => failed(body, error));
}

async function load(api, id, body) {
  const q = { processInstanceId: id };
  const instance = await engine(api, `/history/process-instance/${encodeURIComponent(id)}`);
  const [xml, activities, tasks, variables, incidents, operations, ledger] = await Promise.all([
    engine(api, `/process-definition/${encodeURIComponent(instance.processDefinitionId)}/xml`),
    engine(api, '/history/activity-instance', Object.assign({ sortBy: 'startTime', sortOrder: 'asc' }, q)),
    engine(api, '/history/task', Object.assign({ sortBy: 'startTime', sortOrder: 'asc' }, q)),
    engine(api, '/history/variable-instance', Object.assign({ deserializeValues: false }, q)),
    engine(api, '/history/incident', q),
    engine(api, '/history/user-operation', Object.assign({ sortBy: 'timestamp', sortOrder: 'asc' }, q)).catch((e) => ({ error: e })),
    keyflow(api, `/ledger?processInstanceId=${encodeURIComponent(id)}&limit=1000`).catch(() => ({ entries: [] })),
  ]);
  const diagram = h('div', { class: 'keyflow-diagram', id: 'keyflow-diagram' });
  const ends = activities.filter((a) => /EndEvent$/.test(a.activityType) && a.endTime);
  fill(body,
    facts(instance, ends),
    h('h2', null, 'Path taken'), diagram,
    h('h2', null, 'Approvals and tasks'), taskTable(tasks, ledger.entries),
    h('h2', null, 'Ledger entries of this instance'), ledgerTable(ledger.entries),
    h('h2', null, 'Variables'), variableTable(variables),
    h('h2', null, 'Incidents'), incidentTable(incidents),
    h('h2', null, 'User operation log'), operationTable(operations));
  await drawPath(diagram, xml.bpmn20Xml, activities.map((a) => a.activityId)).catch((error) => failed(diagram, error));
}

function facts(instance, ends) {
  const rows = [
    ['Process', `${instance.processDefinitionName || instance.processDefinitionKey} (version ${instance.processDefinitionVersion})`],
    ['Instance id', instance.id], ['Business key (alias)', instance.businessKey || '—'],
    ['Started', `${time(instance.startTime)} by ${instance.startUserId || '—'}`],
    ['Ended', instance.endTime ? time(instance.endTime) : 'still running'],
    ['Outcome', ends.map((e) => e.activityName || e.activityId).join(', ') || instance.state],
    ['State', instance.state],
  ];
  if (instance.deleteReason) rows.push(['Delete reason', instance.deleteReason]);
  if (instance.businessKey) rows.push(['Key', link(`#/keyflow/keys/${encodeURIComponent(instance.businessKey)}`, instance.businessKey)]);
  return h('dl', { class: 'dl-horizontal keyflow-summary', id: 'keyflow-instance' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

function taskTable(tasks, entries) {
  const decisions = entries.filter((e) => /_(APPROVED|REJECTED)$/.test(e.action));
  const used = new Set();
  const decisionOf = (task) => {
    const match = decisions.find((d) => !used.has(d.seq) && d.actor === task.assignee
      && (!d.details || !d.details.task || d.details.task === task.name));
    if (match) used.add(match.seq);
    return match;
  };
  const rows = tasks.map((t) => ({ task: t, decision: decisionOf(t) }));
  return table([
    { label: 'Task', cell: (r) => r.task.name },
    { label: 'Assignee', cell: (r) => r.task.assignee || '—' },
    { label: 'Decision', cell: (r) => (r.decision ? (r.decision.action.endsWith('APPROVED') ? 'Approved' : 'Rejected') : (r.task.endTime ? r.task.deleteReason || '' : 'open')) },
    { label: 'Comment', cell: (r) => (r.decision && r.decision.details && r.decision.details.comment) || '' },
    { label: 'Created', cell: (r) => time(r.task.startTime) },
    { label: 'Completed', cell: (r) => time(r.task.endTime) },
    { label: 'Ledger seq', cell: (r) => (r.decision ? String(r.decision.seq) : '') },
  ], rows, { id: 'keyflow-tasks' });
}

function ledgerTable(entries) {
  return table([
    { label: 'Seq', cell: (e) => String(e.seq) },
    { label: 'Time', cell: (e) => time(e.recordedAt) },
    { label: 'Action', cell: (e) => e.action },
    { label: 'By', cell: (e) => e.actor },
    { label: 'Version', cell: (e) => (e.versionNumber ? `v${e.versionNumber}` : '') },
  ], entries, { id: 'keyflow-instance-ledger' });
}

function variableTable(variables) {
  const shown = (v) => {
    if (SECRET.test(v.name)) return '(hidden: may be secret)';
    if (['Object', 'Bytes', 'File', 'Json', 'Xml'].includes(v.type)) return `(${v.type} value not shown)`;
    return v.value === null ? 'null' : String(v.value);
  };
  return table([
    { label: 'Name', cell: (v) => v.name },
    { label: 'Type', cell: (v) => v.type },
    { label: 'Value', cell: shown },
    { label: 'Scope', cell: (v) => v.activityInstanceId === v.processInstanceId ? 'instance' : v.activityInstanceId },
  ], [...variables].sort((a, b) => a.name.localeCompare(b.name)), { id: 'keyflow-variables' });
}

function incidentTable(incidents) {
  return table([
    { label: 'Activity', cell: (i) => i.activityId },
    { label: 'Type', cell: (i) => i.incidentType },
    { label: 'Message', cell: (i) => i.incidentMessage || '' },
    { label: 'Created', cell: (i) => time(i.createTime) },
    { label: 'Resolved', cell: (i) => (i.open ? 'open' : time(i.endTime)) },
  ], incidents, { id: 'keyflow-incidents' });
}

function operationTable(operations) {
  if (operations.error) return h('p', null, `The operation log is not visible to you (${operations.error.message}).`);
  return table([
    { label: 'Time', cell: (o) => time(o.timestamp) },
    { label: 'User', cell: (o) => o.userId || '—' },
    { label: 'Operation', cell: (o) => `${o.operationType} ${o.entityType}` },
    { label: 'Property', cell: (o) => o.property || '' },
    { label: 'From → to', cell: (o) => (o.property ? `${o.orgValue ?? '∅'} → ${o.newValue ?? '∅'}` : '') },
    { label: 'Task', cell: (o) => o.taskId || '' },
  ], operations, { id: 'keyflow-operations' });
}
