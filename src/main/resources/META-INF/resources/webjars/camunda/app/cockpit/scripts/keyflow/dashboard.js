// Dashboard panel: the ledger's verdict, keys by state, overdue rotations, approvals waiting,
// open incidents on HSM steps and the last storage attestation.
import { engine, keyflow } from './api.js';
import { age, ensureStyles, failed, fill, h, link, time, verdict } from './ui.js';

export function renderDashboard(node, { api }) {
  ensureStyles();
  const body = h('div', { class: 'keyflow-dashboard-body' }, 'Loading Keyflow compliance…');
  node.appendChild(h('section', { class: 'keyflow-dashboard', id: 'keyflow-dashboard' },
    h('h3', { class: 'section-title' }, 'Keyflow compliance',
      h('span', { class: 'keyflow-links' }, link('#/keyflow/keys', 'Keys'), ' · ', link('#/keyflow/controls', 'Controls'))),
    body));
  load(api, body).catch((error) => failed(body, error));
}

async function load(api, body) {
  const [summary, approvals, incidents] = await Promise.all([
    keyflow(api, '/compliance/dashboard'),
    waitingApprovals(api),
    openIncidents(api),
  ]);
  fill(body, h('div', { class: 'keyflow-tiles' },
    ledgerTile(summary.ledger, summary.now),
    keysTile(summary),
    approvalsTile(approvals),
    incidentsTile(incidents),
    attestationTile(summary.lastAttestation)));
}

function ledgerTile(ledger) {
  return tile('Ledger', ledger.valid ? 'keyflow-tile-good' : 'keyflow-tile-bad',
    h('div', { class: 'keyflow-ledger-verdict' }, verdict(ledger.valid ? 'VALID' : 'INVALID', ledger.valid)),
    ledger.valid ? null : h('p', { class: 'keyflow-ledger-failure' },
      `First altered sequence: ${ledger.firstInvalidSequence ?? 'unknown'}. Reason: ${ledger.reason || 'not given'}`),
    h('p', null, !ledger.valid && ledger.entries < ledger.firstInvalidSequence
      ? `${ledger.entries} entries verified before it` : `${ledger.entries} entries verified`),
    h('p', null, ledger.lastCheckpointSequence === null
      ? 'No signed checkpoint yet'
      : `Last signed checkpoint: sequence ${ledger.lastCheckpointSequence}, ${time(ledger.lastCheckpointSignedAt)} (${age(ledger.lastCheckpointAgeMinutes)} ago)`));
}

function keysTile(summary) {
  const states = Object.entries(summary.keysByState);
  return tile('Keys', summary.overdue.length ? 'keyflow-tile-bad' : 'keyflow-tile-good',
    h('p', null, link('#/keyflow/keys', `${summary.keys} ${summary.keys === 1 ? 'key' : 'keys'}`)),
    h('ul', { class: 'keyflow-states' }, states.map(([state, count]) =>
      h('li', null, link(`#/keyflow/keys?state=${state}`, `${state}: ${count}`)))),
    h('p', { class: summary.overdue.length ? 'keyflow-bad-text' : null },
      link('#/keyflow/keys?overdue=true', `${summary.overdue.length} past protect-stop (rotation overdue)`)),
    summary.overdue.length ? h('p', { class: 'keyflow-small' }, summary.overdue.slice(0, 5).join(', ')) : null);
}

function approvalsTile(approvals) {
  if (approvals.error) return tile('Approvals waiting', '', h('p', null, approvals.error));
  return tile('Approvals waiting', '',
    h('p', null, `${approvals.count} open approval ${approvals.count === 1 ? 'task' : 'tasks'}`),
    approvals.oldest ? h('p', null, `Oldest: ${approvals.oldest.name} for ${approvals.oldest.businessKey || '—'}, waiting ${age(approvals.oldest.minutes)}`) : null);
}

function incidentsTile(incidents) {
  if (incidents.error) return tile('Incidents on HSM steps', '', h('p', null, incidents.error));
  return tile('Incidents on HSM steps', incidents.count ? 'keyflow-tile-bad' : 'keyflow-tile-good',
    h('p', null, `${incidents.count} open`),
    h('ul', null, incidents.items.map((i) => h('li', null, `${i.activityId}: ${i.incidentMessage || i.incidentType}`))));
}

function attestationTile(attestation) {
  if (!attestation) return tile('Storage attestation', 'keyflow-tile-bad', h('p', null, 'None recorded yet'));
  const clean = attestation.driftCount === '0';
  return tile('Storage attestation', clean ? 'keyflow-tile-good' : '',
    h('p', null, `Last: ${time(attestation.at)} (${attestation.ageDays} days ago) by ${attestation.officer}`),
    h('p', null, clean ? 'Clean' : `${attestation.findingCount} findings, ${attestation.driftCount} drift, attested`),
    h('p', { class: 'keyflow-small' }, `Ledger sequence ${attestation.seq}`));
}

function tile(title, css, ...content) {
  return h('div', { class: `keyflow-tile ${css}` }, h('h4', null, title), content);
}

async function waitingApprovals(api) {
  try {
    const query = { unfinished: true, taskHadCandidateGroup: 'security-officer' };
    const [count, oldest] = await Promise.all([
      engine(api, '/history/task/count', query),
      engine(api, '/history/task', Object.assign({ sortBy: 'startTime', sortOrder: 'asc', maxResults: 1 }, query)),
    ]);
    const first = oldest[0];
    return {
      count: count.count,
      oldest: first && { name: first.name, businessKey: first.processInstanceId && await businessKey(api, first.processInstanceId),
        minutes: Math.round((Date.now() - new Date(first.startTime)) / 60000) },
    };
  } catch (error) {
    return { error: `Not visible to you (${error.status || error.message})` };
  }
}

async function businessKey(api, processInstanceId) {
  const instance = await engine(api, `/history/process-instance/${encodeURIComponent(processInstanceId)}`);
  return instance.businessKey;
}

async function openIncidents(api) {
  try {
    const [count, items] = await Promise.all([
      engine(api, '/incident/count'),
      engine(api, '/incident', { maxResults: 5, sortBy: 'incidentTimestamp', sortOrder: 'asc' }),
    ]);
    return { count: count.count, items };
  } catch (error) {
    return { error: `Not visible to you (${error.status || error.message})` };
  }
}
