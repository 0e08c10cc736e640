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

# shellcheck source=scripts/demo-support.sh
. "$(dirname "$0")/../scripts/demo-support.sh"

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
# app encrypts only under a grant (alice requests, bob approves), as a user would.
for ALIAS in "${ALIASES[@]}"; do grant_app encrypt >/dev/null; done

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
