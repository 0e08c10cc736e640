# shellcheck shell=bash
# Shared by the demo scripts and the compromise benchmark: tool checks, REST calls as the demo
# users, waiting for a condition, finding process instances, running a sweep. Sourced, not run:
# the caller sets URL, PASSWORD, ALIAS and WAIT_SECONDS first.

for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done

step() { printf '\n== %s\n' "$*"; }
say() { printf '   %s\n' "$*"; }

# call USER METHOD PATH [JSON] -> prints the body; the HTTP status goes to $STATUS_FILE.
STATUS_FILE="$(mktemp)"
trap 'rm -f "$STATUS_FILE"' EXIT
call() {
  local user="$1" method="$2" path="$3" body="${4:-}"
  local args=(-sS -u "$user:$PASSWORD" -X "$method" -o /dev/stdout -w '%{http_code}' "$URL$path")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
  local out
  out="$(curl "${args[@]}")"
  printf '%s' "${out: -3}" >"$STATUS_FILE"
  printf '%s' "${out:0:${#out}-3}"
}
status() { cat "$STATUS_FILE"; }
expect() {
  local want="$1" got
  got="$(status)"
  [ "$got" = "$want" ] || { echo "   unexpected HTTP $got (expected $want)" >&2; exit 1; }
}

# wait_for DESCRIPTION COMMAND... : retries the command (which prints a non-empty value when done).
wait_for() {
  local what="$1"; shift
  local deadline=$((SECONDS + WAIT_SECONDS)) value
  while :; do
    value="$("$@" || true)"
    if [ -n "$value" ] && [ "$value" != "null" ]; then
      printf '%s' "$value"
      return 0
    fi
    [ $SECONDS -ge $deadline ] && { echo "   timed out waiting for $what" >&2; exit 1; }
    sleep 1
  done
}

version_field() { # NUMBER FIELD
  call dave GET "/api/keys/$ALIAS" | jq -r --argjson n "$1" ".versions[]? | select(.version == \$n) | .$2"
}
version_in_state() { # NUMBER STATE
  [ "$(version_field "$1" state)" = "$2" ] && echo yes
}
task_of() { # PROCESS_INSTANCE TASK_DEFINITION_KEY
  call bob GET "/engine-rest/task?processInstanceId=$1&taskDefinitionKey=$2" | jq -r '.[0].id // empty'
}
instance_of() { # PROCESS_KEY
  call bob GET "/engine-rest/process-instance?processDefinitionKey=$1&businessKey=$ALIAS" | jq -r '.[0].id // empty'
}
approve() { # TASK OFFICER
  call "$2" POST "/engine-rest/task/$1/complete" '{"variables":{"approved":{"value":true}}}' >/dev/null
}
show_versions() {
  call dave GET "/api/keys/$ALIAS" | jq -r '.versions[] |
    "   v\(.version) \(.state)\(if .primary then " (primary)" else "" end): activated \(.activatedAt // "-"), protectStop \(.protectStopAt // "-"), deactivated \(.deactivatedAt // "-"), retainUntil \(.retainUntil // "-"), destroyed \(.destroyedAt // "-")"'
}
advance_clock() { # DAYS
  call admin POST /api/demo/clock "{\"advanceDays\":$1}" | jq -r '"   the clock now reads \(.now) (\(.offsetDays) days ahead of real time)"'
  expect 200
}
# The demo clock wakes the job executor, so the now overdue daily timer fires by itself; if it has
# not after a few seconds, run its job explicitly (as the admin, like Cockpit's "execute job").
sweep_started() { # SWEEP_PROCESS_KEY LIFECYCLE_PROCESS_KEY
  local deadline=$((SECONDS + 10)) id
  while [ $SECONDS -lt $deadline ]; do
    id="$(instance_of "$2")"
    [ -n "$id" ] && { printf '%s' "$id"; return 0; }
    sleep 1
  done
  local job
  job="$(call admin GET "/engine-rest/job?processDefinitionKey=$1&timers=true" | jq -r '.[0].id')"
  call admin POST "/engine-rest/job/$job/execute" >/dev/null || true
  wait_for "$2 for $ALIAS" instance_of "$2"
}
# grant_app OPERATIONS : gives the key user's system 'app' the use of $ALIAS, as a user would:
# bob registers the system if it is not yet (with a fresh self-signed client certificate), alice
# requests the grant (KeyAccessGrant, one year) and bob approves it in its task.
grant_app() {
  call bob GET /api/recipients/app >/dev/null
  if [ "$(status)" != 200 ]; then
    command -v openssl >/dev/null || { echo "openssl is required to register app" >&2; exit 1; }
    local dir
    dir="$(mktemp -d)"
    openssl req -x509 -newkey rsa:3072 -nodes -keyout "$dir/app.key" -out "$dir/app.pem" \
      -days 365 -subj /CN=app 2>/dev/null
    call bob POST /api/recipients "$(jq -n --rawfile pem "$dir/app.pem" \
      '{name: "app", environment: "PRODUCTION", certificatePem: $pem, description: "The payments app (demo key user)"}')" >/dev/null
    expect 201
    rm -rf "$dir"
  fi
  local grant pid
  grant="$(call alice POST /api/access/grants "$(jq -n --arg alias "$ALIAS" --arg ops "$1" \
    '{system: "app", alias: $alias, operations: $ops, duration: "P365D", justification: "The payments app uses this key"}')")"
  expect 201
  pid="$(jq -r .processInstanceId <<<"$grant")"
  approve "$(wait_for "the grant approval" task_of "$pid" Task_ApproveKeyAccess)" bob
  expect 204
  say "app may $1 with '$ALIAS' until $(call dave GET "/api/access/grants/$(jq -r .grantId <<<"$grant")" | jq -r .expiresAt)"
}
