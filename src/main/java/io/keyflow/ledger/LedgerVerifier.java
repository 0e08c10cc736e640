package io.keyflow.ledger;

import io.keyflow.ledger.Merkle.Node;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Re-computes the hash chain and pinpoints the first entry that was altered, removed, moved or
 * forged.
 *
 * <p>Checks, in sequence order: sequences run 1, 2, 3, … without gaps (a missing row is named by
 * the first missing seq); each {@code prevHash} equals the previous entry's hash (the genesis hash
 * for seq 1); each {@code hash} re-computes from the entry's {@link CanonicalForm}; and the head
 * names the last entry, so rows deleted from the end, and rows added beyond the head, are found.
 *
 * <p>Which entry is named: a row whose content was edited without re-hashing fails its own hash
 * check and is named itself. A row rewritten together with its hash breaks the link to its
 * successor, which is then named (the chain alone cannot tell which side of a broken link was
 * changed). A forger who rewrites every later hash and the head defeats any hash chain; signed
 * checkpoints anchor the head against that.
 *
 * <p>The Merkle tree ({@link Merkle}): the stored frontier at the latest signed tree head (a
 * version-3 checkpoint) must fold to the signed root, and the entries after that head, re-hashed as
 * leaves, must give the stored frontier at the tree's recorded size, so an altered or deleted
 * stored node is reported. Up to the head, the signer re-computed the root from the entries it
 * verified, and {@link CheckpointChain} checks that the head's signed entry hash is still the
 * chain's: a stretch rewritten and re-hashed under a signed head is reported there.
 */
final class LedgerVerifier {

  private LedgerVerifier() {}

  /** Verifies entries given in ascending seq order against the recorded head (null: missing). */
  public static LedgerVerification verify(Iterator<LedgerEntry> entries, LedgerHead head) {
    Chain chain = new Chain(0, CanonicalForm.GENESIS_HASH, null, -1, -1);
    while (entries.hasNext()) {
      LedgerVerification failure = chain.accept(entries.next());
      if (failure != null) {
        return failure;
      }
    }
    return chain.finish(head);
  }

  /** A verdict, and the tree's root at the size the caller asked for (null when not reached). */
  record Run(LedgerVerification verdict, byte[] root) {}

  /**
   * Verifies the ledger tables reachable through {@code connection}, reading entries page by page.
   *
   * <p>Appends may go on meanwhile: they only ever add entries after the head, and commit in seq
   * order (the head lock is held to commit). So when the head read after the entries is ahead of
   * them, the entries appended since are read and the head checked again; only entries that are
   * still absent after the head named them are reported missing.
   */
  public static LedgerVerification verify(Connection connection) throws SQLException {
    return verifyWithRoot(connection, -1).verdict();
  }

  /**
   * {@link #verify(Connection)}, also returning the root re-computed from the entries at {@code
   * rootSize} (-1: none wanted).
   *
   * <p>Without a wanted root the tree is re-computed only past the latest signed tree head: up to
   * that head, a chain that verifies and the head's signed entry hash bind the entries to the ones
   * the signer re-computed the root from, so the stored frontier there need only fold to the signed
   * root; the entries after it are leaf-hashed up to the stored tree's size and its frontier
   * compared.
   */
  static Run verifyWithRoot(Connection connection, long rootSize) throws SQLException {
    long storedTreeSize = storedTreeSize(connection);
    SignedHead latest = rootSize >= 0 ? null : SignedHead.latest(connection);
    if (latest == null || latest.seq() > storedTreeSize) {
      Chain chain =
          new Chain(0, CanonicalForm.GENESIS_HASH, new TreeBuilder(), storedTreeSize, rootSize);
      return new Run(verify(connection, chain, Long.MIN_VALUE), chain.rootAtSize);
    }
    List<byte[]> frontier = storedFrontier(connection, latest.seq());
    if (frontier == null
        || !java.security.MessageDigest.isEqual(Merkle.fold(frontier), latest.root())) {
      Chain chainOnly = new Chain(0, CanonicalForm.GENESIS_HASH, null, -1, -1);
      LedgerVerification verdict = verify(connection, chainOnly, Long.MIN_VALUE);
      return new Run(
          verdict.valid()
              ? LedgerVerification.invalid(
                  verdict.entries(),
                  latest.seq(),
                  "the stored Merkle tree at seq "
                      + latest.seq()
                      + " no longer has the root its signed tree head signed: tree nodes were"
                      + " altered")
              : verdict,
          null);
    }
    Chain chain = new Chain(0, CanonicalForm.GENESIS_HASH, null, storedTreeSize, -1);
    chain.startTreeAt(latest.seq(), frontier);
    return new Run(verify(connection, chain, Long.MIN_VALUE), null);
  }

  /** The stored frontier of the tree of {@code size} entries, or null when a node is missing. */
  private static List<byte[]> storedFrontier(Connection connection, long size) throws SQLException {
    List<Node> nodes = Merkle.rootNodes(size);
    Map<Node, byte[]> stored = TreeNodes.read(connection, nodes);
    List<byte[]> frontier = new ArrayList<>();
    for (Node node : nodes) {
      byte[] hash = stored.get(node);
      if (hash == null) {
        return null;
      }
      frontier.add(hash);
    }
    return frontier;
  }

  /**
   * {@link #verifySince}, also growing the tree from the anchor's signed root: the stored frontier
   * at the anchor must fold to {@code anchorRoot}, and the root re-computed at {@code rootSize} is
   * returned.
   */
  static Run verifySinceWithRoot(
      Connection connection, long anchorSeq, String anchorHash, byte[] anchorRoot, long rootSize)
      throws SQLException {
    List<byte[]> frontier = storedFrontier(connection, anchorSeq);
    if (frontier == null
        || !java.security.MessageDigest.isEqual(Merkle.fold(frontier), anchorRoot)) {
      return new Run(
          LedgerVerification.invalid(
              anchorSeq - 1,
              anchorSeq,
              "the stored Merkle tree at seq "
                  + anchorSeq
                  + " no longer has the root the previous checkpoint signed: tree nodes were"
                  + " altered"),
          null);
    }
    Chain chain =
        new Chain(
            anchorSeq,
            anchorHash,
            new TreeBuilder(anchorSeq, frontier),
            storedTreeSize(connection),
            rootSize);
    LedgerVerification verdict = verifySince(connection, anchorSeq, anchorHash, chain);
    return new Run(verdict, chain.rootAtSize);
  }

  /**
   * Verifies the chain after a signed anchor (the previous checkpoint): the anchor entry must still
   * re-hash to the signed hash, and every later entry must link on from it up to the head. Entries
   * before the anchor were verified when the anchor was signed and are not read again.
   *
   * @param anchorSeq the anchor's sequence (at least 1)
   * @param anchorHash the hash the anchor signed for that entry
   */
  public static LedgerVerification verifySince(
      Connection connection, long anchorSeq, String anchorHash) throws SQLException {
    return verifySince(
        connection, anchorSeq, anchorHash, new Chain(anchorSeq, anchorHash, null, -1, -1));
  }

  private static LedgerVerification verifySince(
      Connection connection, long anchorSeq, String anchorHash, Chain chain) throws SQLException {
    List<LedgerEntry> anchor = LedgerRows.page(connection, anchorSeq, 1);
    if (anchor.isEmpty() || anchor.get(0).seq() != anchorSeq) {
      return LedgerVerification.invalid(
          anchorSeq - 1,
          anchorSeq,
          "entry " + anchorSeq + ", which the previous checkpoint signed, is missing");
    }
    LedgerEntry entry = anchor.get(0);
    if (!Objects.equals(entry.hash(), anchorHash)) {
      return LedgerVerification.invalid(
          anchorSeq - 1,
          anchorSeq,
          "entry "
              + anchorSeq
              + " no longer has the hash the previous checkpoint signed: the chain was rewritten");
    }
    if (!Objects.equals(CanonicalForm.hash(entry), entry.hash())) {
      return LedgerVerification.invalid(
          anchorSeq - 1,
          anchorSeq,
          "hash mismatch: the entry's content differs from what was hashed");
    }
    return verify(connection, chain, anchorSeq + 1);
  }

  /** The head's {@code tree_size}; 0 on a database from before the tree (no such column). */
  private static long storedTreeSize(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement("SELECT * FROM ledger_head WHERE id = 1");
        ResultSet row = select.executeQuery()) {
      return row.next() && hasColumn(row, "tree_size") ? row.getLong("tree_size") : 0;
    }
  }

  static boolean hasColumn(ResultSet rows, String column) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      if (column.equalsIgnoreCase(meta.getColumnName(i))) {
        return true;
      }
    }
    return false;
  }

  /** The latest signed tree head's size and root. */
  private record SignedHead(long seq, byte[] root) {

    /** The latest version-3 checkpoint, or null (none yet, or a database from before the tree). */
    static SignedHead latest(Connection connection) throws SQLException {
      try (PreparedStatement select =
              connection.prepareStatement("SELECT * FROM ledger_checkpoint ORDER BY seq DESC");
          ResultSet rows = select.executeQuery()) {
        if (!hasColumn(rows, "tree_root")) {
          return null;
        }
        while (rows.next()) {
          String root = rows.getString("tree_root");
          if (root != null) {
            try {
              return new SignedHead(rows.getLong("seq"), Merkle.unhex(root.trim()));
            } catch (IllegalArgumentException notAHash) {
              // Altered by hand: the checkpoint's own signature check reports it.
              return null;
            }
          }
        }
        return null;
      }
    }
  }

  private static LedgerVerification verify(Connection connection, Chain chain, long startSeq)
      throws SQLException {
    long fromSeq = startSeq;
    boolean firstPass = true;
    while (true) {
      long before = chain.verified;
      try (LedgerPages entries = new LedgerPages(connection, fromSeq)) {
        while (entries.hasNext()) {
          LedgerVerification failure = chain.accept(entries.next());
          if (failure != null) {
            return failure;
          }
        }
      }
      LedgerHead head = LedgerRows.readHead(connection);
      boolean caughtUp = !firstPass && chain.verified == before;
      firstPass = false;
      if (head == null || head.lastSeq() <= chain.lastSeq() || caughtUp) {
        LedgerVerification verdict = chain.finish(head);
        return verdict.valid() ? chain.checkStoredTree(connection, verdict) : verdict;
      }
      fromSeq = chain.lastSeq() + 1;
    }
  }

  /** The running check: the next expected seq and the hash it must link to. */
  private static final class Chain {
    private final ChainHasher hasher = new ChainHasher();
    private long verified;
    private String lastHash;
    private TreeBuilder tree;
    private long startAt = -1;
    private List<byte[]> startFrontier;
    private final long storedTreeSize;
    private List<TreeBuilder.Hashed> frontierAtStoredSize;
    private final long rootSize;
    private final long growUntil;
    private byte[] rootAtSize;

    /**
     * @param tree the tree of the entries up to {@code verified}, or null to check the chain alone
     *     (or until {@link #startTreeAt})
     * @param storedTreeSize the size whose stored frontier is compared (-1: none)
     * @param rootSize the size whose root is kept for the caller (-1: none)
     */
    Chain(long verified, String lastHash, TreeBuilder tree, long storedTreeSize, long rootSize) {
      this.verified = verified;
      this.lastHash = lastHash;
      this.tree = tree;
      this.storedTreeSize = storedTreeSize;
      this.rootSize = rootSize;
      this.growUntil = Math.max(storedTreeSize, rootSize);
      if (tree != null) {
        observe();
      }
    }

    /** Grows the tree from entry {@code seq} on, from the (checked) frontier there. */
    void startTreeAt(long seq, List<byte[]> frontier) {
      startAt = seq;
      startFrontier = frontier;
      if (seq == verified) {
        tree = new TreeBuilder(seq, frontier);
        observe();
      }
    }

    long lastSeq() {
      return verified;
    }

    LedgerVerification accept(LedgerEntry entry) {
      long expected = verified + 1;
      if (entry.seq() > expected) {
        return LedgerVerification.invalid(
            verified,
            expected,
            "entry "
                + expected
                + " is missing: the entry after "
                + (expected == 1 ? "the start" : "entry " + verified)
                + " is entry "
                + entry.seq());
      }
      if (entry.seq() < expected) {
        return LedgerVerification.invalid(
            verified,
            entry.seq(),
            "entry " + entry.seq() + " is out of order or duplicated (expected " + expected + ")");
      }
      if (!Objects.equals(entry.prevHash(), lastHash)) {
        return LedgerVerification.invalid(
            verified,
            entry.seq(),
            "prev_hash mismatch: it does not equal the hash of "
                + (expected == 1 ? "the genesis" : "entry " + verified));
      }
      if (!Objects.equals(hasher.hash(entry), entry.hash())) {
        return LedgerVerification.invalid(
            verified,
            entry.seq(),
            "hash mismatch: the entry's content differs from what was hashed");
      }
      verified = expected;
      lastHash = entry.hash();
      if (tree == null && verified == startAt) {
        tree = new TreeBuilder(startAt, startFrontier);
        observe();
      } else if (tree != null && verified <= growUntil) {
        tree.append(hasher.lastLeafHash());
        observe();
      }
      return null;
    }

    /** Keeps what the caller and the stored-tree check need at this size. */
    private void observe() {
      if (tree.size() == rootSize) {
        rootAtSize = tree.root();
      }
      if (tree.size() == storedTreeSize) {
        frontierAtStoredSize = tree.frontier();
      }
    }

    /**
     * The stored tree against the re-computed one: its recorded size within the chain and its
     * frontier there equal, node by node (the first that differs names the entries it covers).
     */
    LedgerVerification checkStoredTree(Connection connection, LedgerVerification verdict)
        throws SQLException {
      if (tree == null || storedTreeSize < 0) {
        return verdict;
      }
      if (storedTreeSize > verified) {
        return LedgerVerification.invalid(
            verified,
            verified + 1,
            "the Merkle tree records "
                + storedTreeSize
                + " entries but the chain ends at "
                + verified);
      }
      if (frontierAtStoredSize == null) {
        return verdict;
      }
      Map<Node, byte[]> stored =
          TreeNodes.read(
              connection, frontierAtStoredSize.stream().map(TreeBuilder.Hashed::node).toList());
      for (TreeBuilder.Hashed expected : frontierAtStoredSize) {
        byte[] found = stored.get(expected.node());
        if (found == null || !java.security.MessageDigest.isEqual(found, expected.hash())) {
          Node node = expected.node();
          return LedgerVerification.invalid(
              node.start() - 1,
              node.start(),
              "the stored Merkle tree's node over entries "
                  + node.start()
                  + " to "
                  + node.end()
                  + (found == null ? " is missing" : " differs from the one re-computed from them")
                  + ": tree nodes were altered");
        }
      }
      return verdict;
    }

    LedgerVerification finish(LedgerHead head) {
      if (head == null) {
        return LedgerVerification.invalid(verified, null, "the ledger_head row is missing");
      }
      if (head.lastSeq() > verified) {
        long missing = verified + 1;
        return LedgerVerification.invalid(
            verified,
            missing,
            (missing == head.lastSeq()
                    ? "entry " + missing + " is missing"
                    : "entries " + missing + " to " + head.lastSeq() + " are missing")
                + ": the head records "
                + head.lastSeq()
                + " entries but the chain ends at "
                + verified);
      }
      if (head.lastSeq() < verified) {
        return LedgerVerification.invalid(
            head.lastSeq(),
            head.lastSeq() + 1,
            "entry "
                + (head.lastSeq() + 1)
                + " lies beyond the head (last_seq "
                + head.lastSeq()
                + "): it was not appended through the ledger");
      }
      if (!Objects.equals(head.lastHash(), lastHash)) {
        return LedgerVerification.invalid(
            verified,
            verified == 0 ? null : verified,
            verified == 0
                ? "the head of the empty ledger does not hold the genesis hash"
                : "the head's hash does not match the hash of entry " + verified);
      }
      return LedgerVerification.ok(verified);
    }
  }
}
