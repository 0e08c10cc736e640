package io.keyflow.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree over the ledger, as RFC 9162 (Certificate Transparency 2.0, section 2.1) defines
 * it, and the checks of its proofs. Pure: no database, so the command line, the evidence pack and
 * the server share it.
 *
 * <h2>Hashes</h2>
 *
 * <ul>
 *   <li>leaf: {@code SHA-256(0x00 ‖ entry)}, where the entry is the UTF-8 of its canonical JSON
 *       (see {@link CanonicalForm#leafHash}), so every entry written before the tree existed is a
 *       leaf unchanged;
 *   <li>node: {@code SHA-256(0x01 ‖ left ‖ right)};
 *   <li>the root of the empty tree: {@code SHA-256()} of nothing.
 * </ul>
 *
 * Entry {@code seq} is leaf index {@code seq - 1}; the tree of size {@code n} holds entries 1 to
 * {@code n}.
 *
 * <h2>Stored nodes</h2>
 *
 * Every <em>perfect</em> subtree (2<sup>level</sup> leaves, aligned) is stored once complete, keyed
 * by the sequence of its last entry and its level: node {@code (end, level)} covers entries {@code
 * end - 2^level + 1 … end}. The root of any size and every element of a proof is a fold of O(log n)
 * such nodes ({@link #perfectNodes}), so proofs read O(log n) rows and never a leaf they do not
 * need.
 */
public final class Merkle {

  /** A SHA-256 hash is 32 bytes. */
  public static final int HASH_BYTES = 32;

  private static final byte[] EMPTY_ROOT = CanonicalForm.newSha256().digest();

  private Merkle() {}

  /** The root of the empty tree, {@code SHA-256()} (e3b0c442…). */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }

  /** {@code SHA-256(0x00 ‖ data)}. */
  public static byte[] leafHash(byte[] data) {
    MessageDigest sha256 = CanonicalForm.newSha256();
    sha256.update((byte) 0);
    return sha256.digest(data);
  }

  /** {@code SHA-256(0x01 ‖ left ‖ right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha256 = CanonicalForm.newSha256();
    sha256.update((byte) 1);
    sha256.update(left);
    return sha256.digest(right);
  }

  /** A stored perfect subtree: the one of height {@code level} whose last entry is {@code end}. */
  public record Node(long end, int level) {

    /** The first entry it covers. */
    public long start() {
      return end - (1L << level) + 1;
    }
  }

  /**
   * A run of consecutive entries {@code [first, first + size)} whose Merkle tree hash (MTH in RFC
   * 9162) is one element of a proof.
   */
  record Span(long first, long size) {}

  /**
   * The perfect nodes whose right-to-left fold is the hash of a span: the span split into
   * power-of-two runs, largest first (the left-heavy split RFC 9162 defines). Only spans that start
   * at a multiple of their largest power of two occur in trees and proofs.
   */
  static List<Node> perfectNodes(Span span) {
    List<Node> nodes = new ArrayList<>();
    long first = span.first();
    long remaining = span.size();
    while (remaining > 0) {
      int level = 63 - Long.numberOfLeadingZeros(remaining);
      long size = 1L << level;
      if ((first - 1) % size != 0) {
        throw new IllegalArgumentException("span " + span + " is not aligned");
      }
      nodes.add(new Node(first + size - 1, level));
      first += size;
      remaining -= size;
    }
    return nodes;
  }

  /** The nodes of the root of the tree of {@code size} entries: its frontier. */
  public static List<Node> rootNodes(long size) {
    return perfectNodes(new Span(1, size));
  }

  /** Folds the hashes of {@link #perfectNodes} right to left: {@code H(p1, H(p2, … pk))}. */
  static byte[] fold(List<byte[]> hashes) {
    if (hashes.isEmpty()) {
      return emptyRoot();
    }
    byte[] hash = hashes.get(hashes.size() - 1);
    for (int i = hashes.size() - 2; i >= 0; i--) {
      hash = nodeHash(hashes.get(i), hash);
    }
    return hash;
  }

  /**
   * The spans of an inclusion proof (the audit path) of entry {@code seq} in the tree of {@code
   * size} entries, from the leaf's sibling up to the root's other half.
   */
  static List<Span> inclusionSpans(long seq, long size) {
    if (seq < 1 || seq > size) {
      throw new IllegalArgumentException("entry " + seq + " is not in a tree of size " + size);
    }
    List<Span> path = new ArrayList<>();
    path(seq - 1, 1, size, path);
    return path;
  }

  private static void path(long index, long first, long size, List<Span> out) {
    if (size == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(size);
    if (index < k) {
      path(index, first, k, out);
      out.add(new Span(first + k, size - k));
    } else {
      path(index - k, first + k, size - k, out);
      out.add(new Span(first, k));
    }
  }

  /**
   * The spans of a consistency proof from the tree of {@code from} entries to the one of {@code to}
   * (RFC 9162 2.1.4.1); empty when {@code from} is 0 or equals {@code to}.
   */
  static List<Span> consistencySpans(long from, long to) {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException(
          "no consistency proof from size " + from + " to size " + to);
    }
    List<Span> proof = new ArrayList<>();
    if (from > 0 && from < to) {
      subproof(from, 1, to, true, proof);
    }
    return proof;
  }

  private static void subproof(long m, long first, long size, boolean whole, List<Span> out) {
    if (m == size) {
      if (!whole) {
        out.add(new Span(first, size));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(size);
    if (m <= k) {
      subproof(m, first, k, whole, out);
      out.add(new Span(first + k, size - k));
    } else {
      subproof(m - k, first + k, size - k, false, out);
      out.add(new Span(first, k));
    }
  }

  /** The largest power of two strictly below {@code n} (n ≥ 2). */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  /**
   * The root an inclusion proof leads to (RFC 9162 2.1.3.2), or null when the proof has the wrong
   * length for the position and size.
   */
  public static byte[] rootFromInclusion(long seq, long size, byte[] leafHash, List<byte[]> proof) {
    if (seq < 1 || seq > size || leafHash == null || leafHash.length != HASH_BYTES) {
      return null;
    }
    long fn = seq - 1;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0 || p == null || p.length != HASH_BYTES) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }

  /**
   * Whether the proof shows entry {@code seq}'s leaf in the tree of {@code size} with {@code root}.
   */
  public static boolean verifyInclusion(
      long seq, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    byte[] computed = rootFromInclusion(seq, size, leafHash, proof);
    return computed != null && MessageDigest.isEqual(computed, root);
  }

  /**
   * Whether the proof shows the tree of {@code from} entries with {@code fromRoot} to be a prefix
   * of the tree of {@code to} entries with {@code toRoot} (RFC 9162 2.1.4.2).
   */
  public static boolean verifyConsistency(
      long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
    if (from < 0 || from > to || fromRoot == null || toRoot == null) {
      return false;
    }
    if (from == to) {
      return proof.isEmpty() && MessageDigest.isEqual(fromRoot, toRoot);
    }
    if (from == 0) {
      return proof.isEmpty();
    }
    if (proof.isEmpty() || proof.stream().anyMatch(p -> p == null || p.length != HASH_BYTES)) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(from) == 1) {
      // from is a power of two: its root is the first node of the path, left implicit.
      path.add(0, fromRoot);
    }
    long fn = from - 1;
    long sn = to - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, fromRoot) && MessageDigest.isEqual(sr, toRoot);
  }

  /** Lowercase hex of a hash. */
  public static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }

  /** A hash from lowercase or uppercase hex; refuses anything but 64 hex digits. */
  public static byte[] unhex(String hex) {
    if (hex == null || hex.length() != 2 * HASH_BYTES) {
      throw new IllegalArgumentException("a hash is 64 hex digits");
    }
    return HexFormat.of().parseHex(hex);
  }
}
