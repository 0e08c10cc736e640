package io.keyflow.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent Merkle tree for tests: RFC 9162 section 2.1 written out literally over the list of
 * leaves (MTH, PATH, PROOF and SUBPROOF), with its own SHA-256 calls; ranges' hashes are memoised
 * so that every size up to a few hundred stays fast.
 */
final class ReferenceMerkleTree {
  private final List<byte[]> leaves;
  private final Map<String, byte[]> memo = new HashMap<>();

  ReferenceMerkleTree(List<byte[]> leaves) {
    this.leaves = leaves;
  }

  /** The tree over ledger entries: each leaf's data is the entry's canonical JSON in UTF-8. */
  static ReferenceMerkleTree ofEntries(List<LedgerEntry> entries) {
    return new ReferenceMerkleTree(
        entries.stream()
            .map(
                e ->
                    CanonicalForm.canonicalJson(e)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toList());
  }

  static byte[] leaf(byte[] data) {
    return sha256(new byte[] {0}, data);
  }

  static byte[] sha256(byte[]... parts) {
    MessageDigest digest = CanonicalForm.newSha256();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  byte[] leafHash(int index) {
    return leaf(leaves.get(index));
  }

  byte[] root(int size) {
    return mth(0, size);
  }

  /** MTH(D[start : start + n]). */
  byte[] mth(int start, int n) {
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return leafHash(start);
    }
    String key = start + ":" + n;
    byte[] known = memo.get(key);
    if (known == null) {
      int k = splitOf(n);
      known = sha256(new byte[] {1}, mth(start, k), mth(start + k, n - k));
      memo.put(key, known);
    }
    return known;
  }

  List<byte[]> path(int m, int n) {
    return path(m, 0, n);
  }

  /** PATH(m, D[start : start + n]). */
  private List<byte[]> path(int m, int start, int n) {
    List<byte[]> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = splitOf(n);
    if (m < k) {
      out.addAll(path(m, start, k));
      out.add(mth(start + k, n - k));
    } else {
      out.addAll(path(m - k, start + k, n - k));
      out.add(mth(start, k));
    }
    return out;
  }

  /** PROOF(m, D[n]). */
  List<byte[]> proof(int m, int n) {
    return m == n ? List.of() : subproof(m, 0, n, true);
  }

  private List<byte[]> subproof(int m, int start, int n, boolean b) {
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(start, n));
      }
      return out;
    }
    int k = splitOf(n);
    if (m <= k) {
      out.addAll(subproof(m, start, k, b));
      out.add(mth(start + k, n - k));
    } else {
      out.addAll(subproof(m - k, start + k, n - k, false));
      out.add(mth(start, k));
    }
    return out;
  }

  /** The largest power of two smaller than n, found by doubling. */
  private static int splitOf(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }
}
