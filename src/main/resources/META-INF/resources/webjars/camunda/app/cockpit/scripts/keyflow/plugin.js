// Keyflow's compliance review in Cockpit (Camunda 7 frontend plugin API): a dashboard panel, the
// Keys and Controls pages, one key's timeline, and finished process instances, which Community
// Edition Cockpit cannot show. Read-only: every request is a GET, authenticated by the Cockpit
// session. Loaded by ../config.js.
import { renderControls } from './controls.js?v=2';
import { renderDashboard } from './dashboard.js?v=1';
import { renderHistoryTab } from './history-tab.js?v=1';
import { renderInstance } from './instance.js?v=1';
import { renderKey } from './key.js?v=1';
import { renderKeys } from './keys.js?v=1';

export default [
  {
    id: 'keyflow.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 100,
    render: renderDashboard,
  },
  {
    id: 'keyflow.navigation.keys',
    pluginPoint: 'cockpit.navigation',
    priority: 50,
    properties: { path: '/keyflow/keys' },
    render: (node) => { node.appendChild(Object.assign(document.createElement('a'), { href: '#/keyflow/keys', textContent: 'Keys' })); },
  },
  {
    id: 'keyflow.navigation.controls',
    pluginPoint: 'cockpit.navigation',
    priority: 49,
    properties: { path: '/keyflow/controls' },
    render: (node) => { node.appendChild(Object.assign(document.createElement('a'), { href: '#/keyflow/controls', textContent: 'Controls' })); },
  },
  { id: 'keyflow.route.keys', pluginPoint: 'cockpit.route', properties: { path: '/keyflow/keys' }, render: renderKeys },
  { id: 'keyflow.route.key', pluginPoint: 'cockpit.route', properties: { path: '/keyflow/keys/:alias' }, render: renderKey },
  { id: 'keyflow.route.instance', pluginPoint: 'cockpit.route', properties: { path: '/keyflow/instances/:id' }, render: renderInstance },
  { id: 'keyflow.route.controls', pluginPoint: 'cockpit.route', properties: { path: '/keyflow/controls' }, render: renderControls },
  {
    id: 'keyflow.processDefinition.history',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 5,
    properties: { label: 'History' },
    render: renderHistoryTab,
  },
];
