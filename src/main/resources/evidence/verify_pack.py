#!/usr/bin/env python3
"""Checks a Keyflow evidence pack offline: python3 verify_pack.py [PACK-DIRECTORY]

Python standard library only, plus the openssl command for the two ECDSA signatures.
Exit code 0 when every check holds, 1 when one fails (each failure is printed), 2 when a file
cannot be read. What it checks:
  1. every file listed in manifest.sha256 has the listed SHA-256;
  2. manifest.sha256.sig and ledger-checkpoint.sig verify with audit-public-key.pem (compare that
     key with the one Keyflow publishes at GET /api/ledger/checkpoints/public-key);
  3. ledger-checkpoint.msg is a signed tree head: "keyflow.io/ledger", tree size, base64 root;
  4. every line of ledger-proofs.jsonl: the leaf SHA-256(0x00 || entry's canonical JSON) with its
     audit path leads to the signed root (RFC 9162, section 2.1.3.2);
  5. ledger-consistency.json, when present: the tree of the previous pack is a prefix of this one
     (RFC 9162, section 2.1.4.2).
"""
import base64
import hashlib
import json
import os
import subprocess
import sys


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_from_inclusion(index, size, leaf, path):
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def consistent(first, second, first_root, second_root, proof):
    if first == second:
        return not proof and first_root == second_root
    if first == 0 or first > second or not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root


def openssl_verifies(directory, message, signature):
    result = subprocess.run(
        ["openssl", "dgst", "-sha256", "-verify", "audit-public-key.pem",
         "-signature", signature, message],
        cwd=directory, capture_output=True, text=True)
    return result.returncode == 0 and "Verified OK" in result.stdout


def main(directory):
    problems = []

    def read(name):
        with open(os.path.join(directory, name), "rb") as f:
            return f.read()

    for line in read("manifest.sha256").decode("utf-8").splitlines():
        if line.strip():
            digest, name = line[:64], line[66:]
            try:
                if hashlib.sha256(read(name)).hexdigest() != digest:
                    problems.append(name + " was changed after signing")
            except OSError:
                problems.append(name + " is missing")
    if not openssl_verifies(directory, "manifest.sha256", "manifest.sha256.sig"):
        problems.append("the manifest's signature does not verify with audit-public-key.pem")
    if not openssl_verifies(directory, "ledger-checkpoint.msg", "ledger-checkpoint.sig"):
        problems.append("the signed tree head (ledger-checkpoint.msg) does not verify")
    head = read("ledger-checkpoint.msg").decode("utf-8").split("\n")
    if len(head) < 3 or head[0] != "keyflow.io/ledger":
        problems.append("ledger-checkpoint.msg is no signed tree head")
        return report(problems)
    size, root = int(head[1]), base64.b64decode(head[2])
    print("signed tree head: size %d, root %s" % (size, root.hex()))
    proved = 0
    if os.path.exists(os.path.join(directory, "ledger-proofs.jsonl")):
        for line in read("ledger-proofs.jsonl").decode("utf-8").splitlines():
            if not line.strip():
                continue
            proof = json.loads(line)
            seq, entry = proof["seq"], proof["entry"]
            proved += 1
            if not entry.startswith('{"seq":%d,' % seq):
                problems.append("entry %d: the entry in the proof is not entry %d" % (seq, seq))
                continue
            path = [bytes.fromhex(h) for h in proof["auditPath"]]
            computed = root_from_inclusion(
                seq - 1, size, leaf_hash(entry.encode("utf-8")), path)
            if proof["treeSize"] != size or computed != root:
                problems.append(
                    "entry %d: its inclusion proof does not lead to the signed tree head"
                    " (the entry differs from the one signed)" % seq)
    print("inclusion proofs checked: %d" % proved)
    if os.path.exists(os.path.join(directory, "ledger-consistency.json")):
        c = json.loads(read("ledger-consistency.json"))
        ok = c["to"] == size and consistent(
            c["from"], size, bytes.fromhex(c["fromRoot"]), root,
            [bytes.fromhex(h) for h in c["proof"]])
        if ok:
            print("consistent with the tree of size %d, root %s" % (c["from"], c["fromRoot"]))
        else:
            problems.append("the consistency proof from tree size %d does not lead to the signed"
                            " tree head: the ledger was rewritten since" % c["from"])
    return report(problems)


def report(problems):
    for problem in problems:
        print("INVALID: " + problem)
    print("pack valid" if not problems else "pack INVALID: %d problem(s)" % len(problems))
    return 0 if not problems else 1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
    except (OSError, ValueError, KeyError) as e:
        print("verify_pack: cannot read the pack: %s" % e)
        sys.exit(2)
