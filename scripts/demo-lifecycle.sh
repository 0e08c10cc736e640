#!/usr/bin/env bash
# A key's whole life in a few minutes, against a running Keyflow (demo profile, i.e. not
# 'production'): alice requests a key and bob approves it; app is granted its use; the clock moves 350 days and the daily
# rotation sweep starts the rotation, which bob approves; the old version is DEACTIVATED with a
# retainUntil; the clock moves past it and the daily destruction sweep starts the destruction,
# which bob and carol approve (bob twice is refused); the destroyed version is refused for
# decryption; the ledger verifies.
#
# Usage:  KEYFLOW_DEMO_PASSWORD=demo ./mvnw spring-boot:run            (in one terminal)
#         KEYFLOW_DEMO_PASSWORD=demo scripts/demo-lifecycle.sh          (in another)
# Options (environment): KEYFLOW_URL (default http://localhost:8080), KEYFLOW_DEMO_ALIAS.
# Needs curl and jq. The demo clock endpoint (/api/demo/clock) moves this node's clock forward
# only; run the demo on a throwaway database.
set -euo pipefail

URL="${KEYFLOW_URL:-http://localhost:8080}"
PASSWORD="${KEYFLOW_DEMO_PASSWORD:?set KEYFLOW_DEMO_PASSWORD to the demo users password}"
ALIAS="${KEYFLOW_DEMO_ALIAS:-orders-tls-$(date +%s)}"
WAIT_SECONDS=60

# shellcheck source=scripts/demo-support.sh
. "$(dirname "$0")/demo-support.sh"

step "alice (security engineering) requests AES-256 key '$ALIAS' for data in transit"
GEN="$(call alice POST /engine-rest/process-definition/key/KeyGeneration/start \
  "{\"variables\":{\"alias\":{\"value\":\"$ALIAS\"},\"purpose\":{\"value\":\"DATA_IN_TRANSIT\"},\"algorithm\":{\"value\":\"AES-256\"},\"justification\":{\"value\":\"TLS session tickets of the orders service\"}}}" | jq -r .id)"
expect 200
say "generation process $GEN waits for an officer"

step "bob (security officer) approves the generation"
approve "$(wait_for "the approval task" task_of "$GEN" Task_ApproveKeyGeneration)" bob
expect 204
wait_for "version 1 ACTIVE" version_in_state 1 ACTIVE >/dev/null
show_versions

step "alice requests that the system 'app' may encrypt and decrypt with '$ALIAS'; bob approves"
grant_app encrypt,decrypt

step "app (key user) encrypts a record under the primary version"
CT1="$(call app POST "/api/keys/$ALIAS/encrypt" "{\"plaintext\":\"$(printf 'order 42: ship to Main St 1' | base64)\"}")"
expect 200
say "$(jq -r '"encrypted with version \(.version): iv \(.iv), ciphertext \(.ciphertext | .[0:16])... (\(.ciphertext | length) base64 chars)"' <<<"$CT1")"

step "admin moves the demo clock 350 days forward: version 1 is 15 days from its protect-stop"
advance_clock 350

step "the daily rotation sweep starts a rotation (lead time 30 days)"
ROT="$(sweep_started RotationSweep KeyRotation)"
call bob GET "/engine-rest/process-instance/$ROT/variables" | jq -r '
  "   rotation \("'"$ROT"'") requested by \(.requestedBy.value): current version \(.currentVersion.value), \(.currentVersionAgeDays.value) days old, protectStop \(.currentProtectStop.value); new version \(.newVersion.value); recipients holding it: \(.recipientsHolding.value)",
  "   reason: \(.reason.value)"'

step "bob approves the rotation (any officer may: the sweep requested it)"
approve "$(wait_for "the rotation approval" task_of "$ROT" Task_ApproveKeyRotation)" bob
expect 204
wait_for "version 2 ACTIVE" version_in_state 2 ACTIVE >/dev/null
show_versions
say "version 1 is DEACTIVATED and retained until $(version_field 1 retainUntil)"

step "app decrypts the old record with version 1 (DEACTIVATED still decrypts); new data uses version 2"
call app POST "/api/keys/$ALIAS/decrypt" "$(jq -c '{version, iv, ciphertext}' <<<"$CT1")" | jq -r '"   version \(.version) decrypted: \(.plaintext | @base64d)"'
expect 200
call app POST "/api/keys/$ALIAS/encrypt" "{\"plaintext\":\"$(printf 'order 43' | base64)\"}" | jq -r '"   a new record is encrypted with version \(.version)"'

step "admin moves the clock 31 days forward: version 1's retention (30 days) has ended"
advance_clock 31

step "the daily destruction sweep starts the destruction of version 1"
DES="$(sweep_started DestructionSweep KeyDestruction)"
call bob GET "/engine-rest/process-instance/$DES/variables" | jq -r '
  "   destruction \("'"$DES"'") requested by \(.requestedBy.value): version \(.versionNumber.value), \(.versionState.value), retained until \(.retainUntil.value); \(.requiredApprovals.value) approvals required"'

step "bob gives the first approval"
approve "$(wait_for "the first approval" task_of "$DES" Task_FirstApproval)" bob
expect 204
SECOND="$(wait_for "the second approval" task_of "$DES" Task_SecondApproval)"

step "bob tries to give the second approval too"
REFUSAL="$(call bob POST "/engine-rest/task/$SECOND/complete" '{"variables":{"approved":{"value":true}}}')"
say "HTTP $(status): $(jq -r .message <<<"$REFUSAL")"

step "carol gives the second approval; the HSM destroys version 1 and the destruction is verified"
approve "$SECOND" carol
expect 204
wait_for "version 1 DESTROYED" version_in_state 1 DESTROYED >/dev/null
show_versions

step "app's grant has run out (the clock moved more than a year); alice asks again, bob approves"
grant_app encrypt,decrypt

step "app tries to decrypt the old record with the destroyed version 1"
REFUSAL="$(call app POST "/api/keys/$ALIAS/decrypt" "$(jq -c '{version, iv, ciphertext}' <<<"$CT1")")"
say "HTTP $(status) $(jq -r '"\(.title): \(.detail)"' <<<"$REFUSAL")"

step "dave (auditor) verifies the ledger and reads the key's entries"
call dave GET /api/ledger/verify | jq -r '"   ledger valid: \(.valid), \(.entries) entries"'
call dave GET "/api/ledger?alias=$ALIAS" | jq -r '.entries[] | "   #\(.seq) \(.recordedAt) \(.action) by \(.actor)\(if .versionNumber then " (v\(.versionNumber))" else "" end)"'
