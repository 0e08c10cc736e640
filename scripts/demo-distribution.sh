#!/usr/bin/env bash
# One key distribution end to end against a running Keyflow, as the people and the recipient
# system would do it (OP-PROC-001 4.2):
#   bob registers the recipient (a certificate and key pair made here with openssl),
#   alice requests an exportable AES-256 key and bob approves it,
#   alice requests its distribution to the recipient and carol approves it,
#   the recipient picks the wrapped key up with curl --cert/--key over mutual TLS,
#   unwraps it with its private key and checks the KCV; a second pickup and plain HTTP are refused.
#
# Start Keyflow first with the distribution port enabled, e.g.:
#   KEYFLOW_DEMO_PASSWORD=demo ./mvnw -B spring-boot:run -Dspring-boot.run.arguments="--server.port=8282 \
#     --keyflow.distribution.tls.port=8443 --spring.datasource.url=jdbc:h2:file:/tmp/kf-demo/keyflow \
#     --keyflow.hsm.software.secret-file=/tmp/kf-demo/vault-secret --keyflow.distribution.tls.self-signed-dir=/tmp/kf-demo"
#
# Settings (environment): KEYFLOW_URL (http://localhost:8282), KEYFLOW_TLS_URL (https://localhost:8443),
# KEYFLOW_TLS_CA (the distribution port's certificate, /tmp/kf-demo/distribution-tls.crt),
# KEYFLOW_DEMO_PASSWORD (demo), DEMO_DIR (a new temporary directory for the recipient's files).
set -euo pipefail

URL=${KEYFLOW_URL:-http://localhost:8282}
TLS_URL=${KEYFLOW_TLS_URL:-https://localhost:8443}
TLS_CA=${KEYFLOW_TLS_CA:-/tmp/kf-demo/distribution-tls.crt}
PASS=${KEYFLOW_DEMO_PASSWORD:-demo}
DIR=${DEMO_DIR:-$(mktemp -d)}
RUN=$(date +%s)
ALIAS="payments-db-$RUN"
RECIPIENT="payments-app-$RUN"

for tool in curl openssl jq xxd; do
  command -v "$tool" >/dev/null || { echo "This demo needs $tool" >&2; exit 1; }
done
[ -f "$TLS_CA" ] || { echo "No distribution-port certificate at $TLS_CA (set KEYFLOW_TLS_CA)" >&2; exit 1; }

say() { printf '\n== %s\n' "$*"; }
api() { # api USER METHOD PATH [JSON]
  local user=$1 method=$2 path=$3
  if [ $# -ge 4 ]; then
    curl -sS -u "$user:$PASS" -X "$method" -H 'Content-Type: application/json' --data-binary "$4" "$URL$path"
  else
    curl -sS -u "$user:$PASS" -X "$method" "$URL$path"
  fi
}
wait_for() { # wait_for DESCRIPTION COMMAND...
  local what=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "Timed out waiting until $what" >&2
  exit 1
}
only_task() { api bob GET "/engine-rest/task?processInstanceId=$1" | jq -r '.[0].id'; }

say "The recipient makes its RSA-3072 key pair and a self-signed client certificate ($DIR)"
openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 30 -subj "/CN=$RECIPIENT/O=Payments" \
  -keyout "$DIR/recipient.key" -out "$DIR/recipient.crt" 2>/dev/null
chmod 600 "$DIR/recipient.key"
openssl x509 -in "$DIR/recipient.crt" -noout -subject -fingerprint -sha256

say "bob (security officer) registers the recipient"
api bob POST /api/recipients "$(jq -n --arg name "$RECIPIENT" --rawfile cert "$DIR/recipient.crt" \
  '{name: $name, environment: "PRODUCTION", certificatePem: $cert}')" \
  | jq '{name, environment, state, certificate: {sha256: .certificate.sha256, notAfter: .certificate.notAfter}, wrapping: .wrapping.description}'

say "alice (security engineering) requests an exportable AES-256 key; bob approves"
GEN=$(api alice POST /engine-rest/process-definition/key/KeyGeneration/start "$(jq -n --arg alias "$ALIAS" \
  '{variables: {alias: {value: $alias}, purpose: {value: "DATA_AT_REST"}, algorithm: {value: "AES-256"},
    exportable: {value: true}, justification: {value: "The payments app encrypts card data locally"}}}')" | jq -r .id)
api bob POST "/engine-rest/task/$(only_task "$GEN")/complete" '{"variables":{"approved":{"value":true}}}'
wait_for "the key is ACTIVE" sh -c "curl -sSf -u dave:$PASS $URL/api/keys/$ALIAS"
api dave GET "/api/keys/$ALIAS" | jq '{alias, environment, exportable, version: .versions[0] | {version, state, kcv, extractable: .provenance.extractable}}'

say "alice requests distribution of $ALIAS to $RECIPIENT; carol approves"
DIST=$(api alice POST /engine-rest/process-definition/key/KeyDistribution/start "$(jq -n --arg alias "$ALIAS" --arg r "$RECIPIENT" \
  '{variables: {alias: {value: $alias}, recipient: {value: $r}}}')" | jq -r .id)
api carol POST "/engine-rest/task/$(only_task "$DIST")/complete" '{"variables":{"approved":{"value":true}}}'
wait_for "the package is held for pickup" sh -c "curl -sS -u dave:$PASS '$URL/api/distribution?alias=$ALIAS' | grep -q HELD"
PACKAGE=$(api dave GET "/api/distribution?alias=$ALIAS" | jq -r '.[0].id')
api dave GET "/api/distribution/$PACKAGE" | jq '{id, alias, version, recipient, mechanism, oaepHash, state, expiresAt, pickupPath}'

say "Plain HTTP is refused (no password would help)"
curl -sS -o /dev/null -w 'HTTP %{http_code} on %{url_effective}\n' "$URL/api/distribution/$PACKAGE/package"
curl -sS -o /dev/null -w 'HTTP %{http_code} on %{url_effective}\n' "http://${TLS_URL#https://}/api/distribution/$PACKAGE/package" || true

say "Without a client certificate the TLS handshake fails; an unregistered certificate is refused"
curl -sS --cacert "$TLS_CA" "$TLS_URL/api/distribution/$PACKAGE/package" -o /dev/null 2>&1 | sed 's/^/  /' || true
openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 30 -subj "/CN=intruder" \
  -keyout "$DIR/intruder.key" -out "$DIR/intruder.crt" 2>/dev/null
curl -sS --cert "$DIR/intruder.crt" --key "$DIR/intruder.key" --cacert "$TLS_CA" "$TLS_URL/api/distribution/$PACKAGE/package" \
  -w '\nHTTP %{http_code}\n'

say "The recipient picks the package up over mutual TLS: curl --cert/--key"
echo "curl --cert $DIR/recipient.crt --key $DIR/recipient.key --cacert $TLS_CA $TLS_URL/api/distribution/$PACKAGE/package"
curl -sS --fail-with-body --cert "$DIR/recipient.crt" --key "$DIR/recipient.key" --cacert "$TLS_CA" \
  "$TLS_URL/api/distribution/$PACKAGE/package" -o "$DIR/package.json"
jq '.wrappedKey |= (.[0:24] + "…")' "$DIR/package.json"

say "The recipient unwraps the key with its private key and checks the KCV (the key itself is never printed)"
HASH=$(jq -r '.wrapping.oaepHash | ascii_downcase | gsub("-"; "")' "$DIR/package.json")
jq -r .wrappedKey "$DIR/package.json" | openssl base64 -d -A > "$DIR/wrapped.bin"
openssl pkeyutl -decrypt -inkey "$DIR/recipient.key" -in "$DIR/wrapped.bin" -out "$DIR/key.bin" \
  -pkeyopt rsa_padding_mode:oaep -pkeyopt "rsa_oaep_md:$HASH" -pkeyopt "rsa_mgf1_md:$HASH"
KCV=$(head -c 16 /dev/zero | openssl enc -aes-256-ecb -nopad -K "$(xxd -p -c 64 "$DIR/key.bin")" | head -c 3 | xxd -p)
echo "unwrapped $(stat -c %s "$DIR/wrapped.bin") wrapped bytes into a $(stat -c %s "$DIR/key.bin")-byte AES key"
rm -f "$DIR/key.bin"
PACKAGE_KCV=$(jq -r .kcv "$DIR/package.json")
INVENTORY_KCV=$(api dave GET "/api/keys/$ALIAS" | jq -r '.versions[0].kcv')
echo "KCV computed by the recipient: $KCV; in the package: $PACKAGE_KCV; in the inventory: $INVENTORY_KCV"
[ "$KCV" = "$PACKAGE_KCV" ] && [ "$KCV" = "$INVENTORY_KCV" ] && echo "KCV matches: the recipient holds the key the HSM generated"

say "A second pickup is refused"
curl -sS --cert "$DIR/recipient.crt" --key "$DIR/recipient.key" --cacert "$TLS_CA" "$TLS_URL/api/distribution/$PACKAGE/package" \
  -w '\nHTTP %{http_code}\n'

say "The receipt"
api dave GET "/api/distribution/$PACKAGE" | jq '{state, pickedUpAt, tlsProtocol, tlsCipherSuite, peerCertificateSha256}'
api dave GET "/api/keys/$ALIAS/holders" | jq -c '.[] | {version, holders: [.holders[].recipient]}'
api dave GET "/api/ledger?alias=$ALIAS" | jq -r '.entries[] | "\(.seq) \(.action) by \(.actor)"'
api dave GET /api/ledger/verify | jq -c .
