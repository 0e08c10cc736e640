// Reads from Keyflow's /api (authenticated by the Cockpit session: GET only) and from the engine's
// REST API as Cockpit's own session sees it (the logged-in user's authorizations apply).

/** Keyflow's /api base, beside the Camunda webapp (which sits under its own application path). */
export function keyflowBase(api) {
  return api.engineApi.replace(/\/[^/]*\/api\/engine\/.*$/, '') + '/api';
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const detail = body && (body.detail || body.message) ? body.detail || body.message : `HTTP ${response.status}`;
    const error = new Error(`${detail} (${url.replace(/\?.*$/, '')})`);
    error.status = response.status;
    throw error;
  }
  return body;
}

/** GET from Keyflow's /api, e.g. keyflow(api, '/compliance/dashboard'). */
export function keyflow(api, path) {
  return getJson(keyflowBase(api) + path);
}

/** GET from the engine REST API, e.g. engine(api, '/history/task', {processInstanceId: id}). */
export function engine(api, path, query) {
  const search = query ? '?' + new URLSearchParams(query).toString() : '';
  return getJson(api.engineApi + path + search);
}

/** Reads a route parameter from Cockpit's hash URL, e.g. param(/#\/keyflow\/keys\/([^/?]+)/). */
export function param(pattern) {
  const match = pattern.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

/** The hash query string of the route (Cockpit keeps ?... after the route in the hash). */
export function hashQuery() {
  const hash = window.location.hash;
  const index = hash.indexOf('?');
  return new URLSearchParams(index < 0 ? '' : hash.substring(index + 1));
}
