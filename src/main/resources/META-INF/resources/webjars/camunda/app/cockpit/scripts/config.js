// Cockpit configuration: loads Keyflow's compliance review plugin (served from the application jar).
// The query string busts the browser cache when the plugin changes; bump it with the plugin.
export default {
  customScripts: ['scripts/keyflow/plugin.js?v=2'],
};
