// One key: its versions with KCV and provenance, and its timeline from the ledger, oldest first,
// each row naming its ledger sequence and linking to the process instance that did it.
import { keyflow, param } from './api.js';
import { failed, fill, h, link, page, table, time } from './ui.js';

export function renderKey(node, { api }) {
  const alias = param(/#\/keyflow\/keys\/([^/?]+)/);
  const body = page(node, `Key ${alias}`, [['Dashboard', '#/dashboard'], ['Keys', '#/keyflow/keys']]);
  Promise.all([
    keyflow(api, `/keys/${encodeURIComponent(alias)}`).catch((error) => (error.status === 404 ? null : Promise.reject(error))),
    keyflow(api, `/compliance/keys/${encodeURIComponent(alias)}/timeline`),
    keyflow(api, `/keys/${encodeURIComponent(alias)}/holders`).catch(() => []),
  ]).then(([key, timeline]) => fill(body,
    key ? summary(key) : h('p', null, 'No key was generated under this alias; its ledger entries follow.'),
    key ? h('h2', null, 'Versions') : null,
    key ? versions(key) : null,
    h('h2', null, 'Timeline'),
    events(timeline))).catch((error) => failed(body, error));
}

function summary(key) {
  const rows = [
    ['Purpose', key.purpose], ['Algorithm', key.algorithm], ['Environment', key.environment],
    ['Owner', key.owner], ['Exportable', key.exportable ? 'yes (wrapped)' : 'no'],
    ['Encrypt period', `${key.encryptPeriodDays} days`], ['Retention after deactivation', `${key.retentionDays} days`],
    ['Primary version', key.primaryVersion ? `v${key.primaryVersion}` : '—'], ['Created', time(key.createdAt)],
  ];
  return h('dl', { class: 'dl-horizontal keyflow-summary' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

function versions(key) {
  const yes = (flag) => (flag ? 'yes' : 'no');
  return table([
    { label: 'Version', cell: (v) => `v${v.version}${v.primary ? ' (primary)' : ''}` },
    { label: 'State', cell: (v) => v.state },
    { label: 'KCV', cell: (v) => h('code', null, v.kcv || '') },
    { label: 'Vault / label', cell: (v) => `${v.vaultBackend} / ${v.hsmLabel}` },
    { label: 'Provenance', cell: (v) => v.provenance ? `CKA_LOCAL ${yes(v.provenance.local)}, sensitive ${yes(v.provenance.sensitive)}, always sensitive ${yes(v.provenance.alwaysSensitive)}, extractable ${yes(v.provenance.extractable)}, never extractable ${yes(v.provenance.neverExtractable)}, ${v.provenance.keyGenMechanism || ''}` : '' },
    { label: 'Activated', cell: (v) => time(v.activatedAt) },
    { label: 'Protect-stop', cell: (v) => time(v.protectStopAt) },
    { label: 'Deactivated / retain until', cell: (v) => v.deactivatedAt ? `${time(v.deactivatedAt)} / ${time(v.retainUntil)}` : '' },
    { label: 'Destroyed', cell: (v) => time(v.destroyedAt) },
    { label: 'Requested / approved by', cell: (v) => `${v.requestedBy || ''} / ${(v.approvedBy || []).join(', ')}` },
    { label: 'Process', cell: (v) => v.processInstanceId ? instanceLink(v.processInstanceId) : '' },
  ], key.versions, { id: 'keyflow-versions' });
}

function events(timeline) {
  return table([
    { label: 'Seq', cell: (e) => String(e.seq) },
    { label: 'Time', cell: (e) => time(e.at) },
    { label: 'Event', cell: (e) => [h('strong', null, e.action), h('br'), e.summary] },
    { label: 'By', cell: (e) => e.actor },
    { label: 'Version', cell: (e) => (e.version ? `v${e.version}` : '') },
    { label: 'Process instance', cell: (e) => (e.processInstanceId ? instanceLink(e.processInstanceId) : '') },
  ], timeline, { id: 'keyflow-timeline' });
}

function instanceLink(id) {
  return link(`#/keyflow/instances/${encodeURIComponent(id)}`, id.length > 13 ? `${id.substring(0, 8)}…` : id);
}
