#!/usr/bin/env bash
# Benchmark (not a test): how long from a compromise report to containment, over REST, against a
# running Keyflow (demo profile). For each of N fresh keys: alice reports it, then app tries to
# encrypt; the figure is the time from sending the report to receiving the refusal (409), and the
# time the report call itself took (containment is synchronous in it).
#
# Usage:  KEYFLOW_DEMO_PASSWORD=demo ./mvnw spring-boot:run              (in one terminal)
#         KEYFLOW_DEMO_PASSWORD=demo bench/compromise-containment.sh 20   (in another)
# Options (environment): KEYFLOW_URL (default http://localhost:8080). Needs curl and jq.
set -euo pipefail

URL="${KEYFLOW_URL:-http://localhost:8080}"
PASSWORD="${KEYFLOW_DEMO_PASSWORD:?set KEYFLOW_DEMO_PASSWORD to the demo users password}"
N="${1:-10}"
WAIT_SECONDS=60
ALIAS=""

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

millis() { date +%s%3N; }

step "generating $N keys (alice requests, bob approves)"
ALIASES=()
for i in $(seq 1 "$N"); do
  ALIAS="bench-compromise-$(date +%s)-$i"
  GEN="$(call alice POST /engine-rest/process-definition/key/KeyGeneration/start \
    "{\"variables\":{\"alias\":{\"value\":\"$ALIAS\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},\"algorithm\":{\"value\":\"AES-256\"},\"justification\":{\"value\":\"containment benchmark\"}}}" | jq -r .id)"
  approve "$(wait_for "the approval task" task_of "$GEN" Task_ApproveKeyGeneration)" bob
  ALIASES+=("$ALIAS")
done
for ALIAS in "${ALIASES[@]}"; do wait_for "$ALIAS ACTIVE" version_in_state 1 ACTIVE >/dev/null; done

step "report -> contained, per key (ms)"
REPORT_MS=()
CONTAINED_MS=()
for ALIAS in "${ALIASES[@]}"; do
  T0="$(millis)"
  call alice POST /engine-rest/process-definition/key/KeyCompromise/start \
    "{\"variables\":{\"alias\":{\"value\":\"$ALIAS\"},\"versions\":{\"value\":\"all\"},\"reason\":{\"value\":\"benchmark\"}}}" >/dev/null
  expect 200
  T1="$(millis)"
  call app POST "/api/keys/$ALIAS/encrypt" '{"plaintext":"AAAA"}' >/dev/null
  expect 409
  T2="$(millis)"
  REPORT_MS+=($((T1 - T0)))
  CONTAINED_MS+=($((T2 - T0)))
  say "$ALIAS: report call $((T1 - T0)) ms, refused encrypt received after $((T2 - T0)) ms"
done

stats() { sort -n | awk '{a[NR]=$1} END {printf "median %d ms, max %d ms (n=%d)", a[int((NR+1)/2)], a[NR], NR}'; }
step "summary"
say "report call:            $(printf '%s\n' "${REPORT_MS[@]}" | stats)"
say "report -> 409 encrypt:  $(printf '%s\n' "${CONTAINED_MS[@]}" | stats)"
