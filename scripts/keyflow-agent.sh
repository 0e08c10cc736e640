#!/usr/bin/env bash
# A recipient system's agent for Keyflow's key distribution (OP-PROC-001 4.2): lists the packages
# waiting for this recipient on the mutual-TLS pickup port, fetches each, unwraps it with the
# recipient's private key and checks its KCV (key check value) before keeping the key.
# Run it from a timer (cron, a systemd timer) to poll. `keyflow-agent.sh --help` explains the use.
#
# The unwrapped key passes through `openssl enc -K` on the command line to compute the KCV, visible
# to other processes of the same host for that instant: a production agent computes the check value
# in its own process.
set -euo pipefail
umask 077

usage() {
  cat <<'EOF'
Usage: keyflow-agent.sh [--url URL] [--dir DIR]

Fetches every RSA-OAEP key package waiting for this recipient on Keyflow's mutual-TLS pickup port,
unwraps it with the recipient's private key, checks its KCV and writes the key to
DIR/keys/ALIAS.vN.key (mode 600). Prints one line per key:
  ALIAS.vN: KCV 1a2b3c verified

  --url URL   the pickup port (default: $KEYFLOW_TLS_URL, else https://localhost:8443)
  --dir DIR   holds recipient.crt and recipient.key (the certificate registered for this recipient
              and its private key) and distribution-tls.crt (the pickup port's certificate);
              keys/ is written there (default: $KEYFLOW_AGENT_DIR, else the current directory)
  -h, --help  this text

Fetching is the acknowledgement: Keyflow records the receipt (KEY_DISTRIBUTED) and a second fetch
of the package is refused (410). A KCV mismatch deletes the key written and stops the agent; the
package is picked up by then, so ask for a new distribution. Packages wrapped under a KEK (AES-KWP)
are left waiting: this agent unwraps RSA-OAEP only.

Exit status: 0 every fetched key verified (or nothing was waiting), 1 a listing, fetch, unwrap or
KCV check failed, 2 a usage error or a missing file or tool. Needs curl, jq, openssl and od.
EOF
}

fail() { # fail STATUS MESSAGE
  echo "keyflow-agent: $2" >&2
  exit "$1"
}

URL=${KEYFLOW_TLS_URL:-https://localhost:8443}
DIR=${KEYFLOW_AGENT_DIR:-.}
while [ $# -gt 0 ]; do
  case $1 in
    --url) [ $# -ge 2 ] || fail 2 "--url needs a value"; URL=$2; shift 2 ;;
    --dir) [ $# -ge 2 ] || fail 2 "--dir needs a value"; DIR=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail 2 "unknown argument: $1" ;;
  esac
done
URL=${URL%/}

for tool in curl jq openssl od; do
  command -v "$tool" >/dev/null || fail 2 "$tool is required"
done
for file in recipient.crt recipient.key distribution-tls.crt; do
  [ -r "$DIR/$file" ] || fail 2 "no readable $DIR/$file (see --help)"
done
mkdir -p "$DIR/keys"

get() { # get PATH -> the body; fails on any HTTP error
  curl -sSf --cert "$DIR/recipient.crt" --key "$DIR/recipient.key" \
    --cacert "$DIR/distribution-tls.crt" "$URL$1"
}

fetch() { # fetch PICKUP_PATH: fetch, unwrap, check the KCV, keep or delete the key
  local package name alg md kcv key got
  package=$(get "$1") || fail 1 "fetching $1 failed"
  read -r name alg md kcv < <(jq -r '["\(.alias).v\(.version)", (.algorithm | ascii_downcase),
    (.wrapping.oaepHash | ascii_downcase | gsub("-"; "")), .kcv] | join(" ")' <<<"$package") \
    || fail 1 "unreadable package at $1"
  [[ $name =~ ^[A-Za-z0-9._-]+\.v[0-9]+$ ]] || fail 1 "unexpected alias or version in $1"
  key="$DIR/keys/$name.key"
  if ! jq -r .wrappedKey <<<"$package" | openssl base64 -d -A \
    | openssl pkeyutl -decrypt -inkey "$DIR/recipient.key" -pkeyopt rsa_padding_mode:oaep \
      -pkeyopt "rsa_oaep_md:$md" -pkeyopt "rsa_mgf1_md:$md" -out "$key"; then
    rm -f "$key"
    fail 1 "$name: unwrapping failed"
  fi
  got=$(head -c 16 /dev/zero \
    | openssl enc "-$alg-ecb" -nopad -K "$(od -An -v -tx1 "$key" | tr -d ' \n')" \
    | head -c 3 | od -An -tx1 | tr -d ' \n')
  if [ "$got" != "$kcv" ]; then
    rm -f "$key"
    fail 1 "$name: KCV $got, expected $kcv; the key was deleted"
  fi
  echo "$name: KCV $kcv verified"
}

# At most 1000 packages per listing; "more": true says others wait: fetch, then list again.
while :; do
  listing=$(get /api/distribution/packages) || fail 1 "listing the waiting packages at $URL failed"
  paths=$(jq -r '.packages[] | select(.mechanism == "RSA-OAEP") | .pickup' <<<"$listing")
  left=$(jq '[.packages[] | select(.mechanism != "RSA-OAEP")] | length' <<<"$listing")
  [ "$left" -eq 0 ] || echo "keyflow-agent: $left package(s) not RSA-OAEP left waiting" >&2
  for path in $paths; do
    fetch "$path"
  done
  [ -n "$paths" ] && [ "$(jq -r .more <<<"$listing")" = true ] || break
done
