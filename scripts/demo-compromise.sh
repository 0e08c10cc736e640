#!/usr/bin/env bash
# A key compromise from report to destruction, against a running Keyflow (demo profile, i.e. not
# 'production'): alice requests a key and bob approves it; app encrypts with it; alice reports it
# compromised and encrypt is refused at once (409); alice cannot confirm her own report; carol
# confirms; the emergency rotation makes version 2 primary; the clock moves past the re-encryption
# window; bob and carol approve the destruction of version 1, which ends DESTROYED_COMPROMISED;
# the ledger verifies.
#
# Usage:  KEYFLOW_DEMO_PASSWORD=demo ./mvnw spring-boot:run            (in one terminal)
#         KEYFLOW_DEMO_PASSWORD=demo scripts/demo-compromise.sh         (in another)
# Options (environment): KEYFLOW_URL (default http://localhost:8080), KEYFLOW_DEMO_ALIAS.
# Needs curl and jq. The demo clock endpoint (/api/demo/clock) moves this node's clock forward
# only; run the demo on a throwaway database.
set -euo pipefail

URL="${KEYFLOW_URL:-http://localhost:8080}"
PASSWORD="${KEYFLOW_DEMO_PASSWORD:?set KEYFLOW_DEMO_PASSWORD to the demo users password}"
ALIAS="${KEYFLOW_DEMO_ALIAS:-payments-db-$(date +%s)}"
WAIT_SECONDS=60

# shellcheck source=scripts/demo-support.sh
. "$(dirname "$0")/demo-support.sh"

called_by() { # PROCESS_INSTANCE
  call bob GET "/engine-rest/process-instance?superProcessInstance=$1" | jq -r '.[0].id // empty'
}
millis() { date +%s%3N; }

step "alice (security engineering) requests AES-256 key '$ALIAS' for data at rest; bob approves"
GEN="$(call alice POST /engine-rest/process-definition/key/KeyGeneration/start \
  "{\"variables\":{\"alias\":{\"value\":\"$ALIAS\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},\"algorithm\":{\"value\":\"AES-256\"},\"justification\":{\"value\":\"Payments database\"}}}" | jq -r .id)"
expect 200
approve "$(wait_for "the approval task" task_of "$GEN" Task_ApproveKeyGeneration)" bob
expect 204
wait_for "version 1 ACTIVE" version_in_state 1 ACTIVE >/dev/null
show_versions

step "alice requests that the system 'app' may encrypt and decrypt with '$ALIAS'; bob approves"
grant_app encrypt,decrypt

step "app (key user) encrypts a record"
call app POST "/api/keys/$ALIAS/encrypt" "{\"plaintext\":\"$(printf 'card 4111' | base64)\"}" | jq -r '"   encrypted with version \(.version)"'
expect 200

step "alice reports every version of '$ALIAS' compromised (03:00, the key file was found in a paste)"
T0="$(millis)"
REP="$(call alice POST /engine-rest/process-definition/key/KeyCompromise/start \
  "{\"variables\":{\"alias\":{\"value\":\"$ALIAS\"},\"versions\":{\"value\":\"all\"},\"reason\":{\"value\":\"Key file found in a public paste\"},\"evidence\":{\"value\":\"paste id 8f2k, seen 02:57 UTC\"}}}" | jq -r .id)"
expect 200
REFUSAL="$(call app POST "/api/keys/$ALIAS/encrypt" "{\"plaintext\":\"$(printf 'card 4242' | base64)\"}")"
T1="$(millis)"
say "report $REP; encrypt right after: HTTP $(status) $(jq -r .detail <<<"$REFUSAL")"
say "report to refused encrypt: $((T1 - T0)) ms"
show_versions

step "alice tries to confirm her own report"
CONFIRM="$(wait_for "the confirmation task" task_of "$REP" Task_ConfirmCompromise)"
REFUSAL="$(call alice POST "/engine-rest/task/$CONFIRM/complete" '{"variables":{"approved":{"value":true}}}')"
say "HTTP $(status): $(jq -r '.message // .detail // .' <<<"$REFUSAL")"

step "carol (security officer) confirms; the emergency rotation makes version 2 primary at once"
call carol POST "/engine-rest/task/$CONFIRM/complete" '{"variables":{"approved":{"value":true},"comment":{"value":"Paste confirmed; treat as compromised"}}}' >/dev/null
expect 204
wait_for "version 2 ACTIVE" version_in_state 2 ACTIVE >/dev/null
show_versions
call app POST "/api/keys/$ALIAS/encrypt" "{\"plaintext\":\"$(printf 'card 4242' | base64)\"}" | jq -r '"   new data is encrypted with version \(.version)"'

step "admin moves the demo clock 31 days forward: the 30-day re-encryption window is over"
advance_clock 31
DES="$(wait_for "the destruction of version 1" called_by "$REP")"
say "destruction $DES requested by $(call bob GET "/engine-rest/process-instance/$DES/variables/requestedBy" | jq -r .value)"

step "bob and carol approve the destruction (dual control)"
approve "$(wait_for "the first approval" task_of "$DES" Task_FirstApproval)" bob
expect 204
approve "$(wait_for "the second approval" task_of "$DES" Task_SecondApproval)" carol
expect 204
wait_for "version 1 DESTROYED_COMPROMISED" version_in_state 1 DESTROYED_COMPROMISED >/dev/null
show_versions

step "dave (auditor) verifies the ledger and reads the key's entries"
call dave GET /api/ledger/verify | jq -r '"   ledger valid: \(.valid), \(.entries) entries"'
call dave GET "/api/ledger?alias=$ALIAS" | jq -r '.entries[] | "   #\(.seq) \(.recordedAt) \(.action) by \(.actor)\(if .versionNumber then " (v\(.versionNumber))" else "" end)"'
