package io.keyflow.ledger;

import io.keyflow.ledger.Merkle.Node;
import io.keyflow.ledger.Merkle.Span;
import io.keyflow.shared.Refusal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's Merkle tree (see {@link Merkle}): roots, inclusion proofs and consistency proofs
 * from the stored nodes, and the integration of entries the tree does not hold yet.
 *
 * <p>Every append integrates its own entry in its own transaction ({@link Ledger#append}). Entries
 * written before the tree existed are integrated by {@link #catchUp()} at start-up, in batches,
 * each batch under the head lock; until then the tree is smaller than the ledger and proofs are
 * available up to its size.
 */
@Service
public class LedgerTree {

  /** Entries integrated per transaction when catching up. */
  static final int CATCH_UP_BATCH = 5000;

  private static final Logger log = LoggerFactory.getLogger(LedgerTree.class);

  private static final String LOCK_SIZES =
      "SELECT last_seq, tree_size FROM ledger_head WHERE id = 1 FOR UPDATE";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate batch;
  private final TransactionTemplate read;

  LedgerTree(JdbcTemplate jdbc, PlatformTransactionManager tx) {
    this.jdbc = jdbc;
    this.batch = new TransactionTemplate(tx);
    batch.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.read = new TransactionTemplate(tx);
    read.setReadOnly(true);
    read.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  /**
   * An inclusion proof: the audit path of entry {@code seq}'s leaf in the tree of {@code treeSize}.
   */
  public record InclusionProof(
      long seq, long treeSize, byte[] leafHash, List<byte[]> path, byte[] rootHash) {}

  /** A consistency proof from the tree of {@code from} entries to the tree of {@code to}. */
  public record ConsistencyProof(
      long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> path) {}

  /** How many entries the tree holds. */
  public long size() {
    return jdbc.execute((ConnectionCallback<Long>) TreeNodes::treeSize);
  }

  /** The root of the tree of {@code size} entries, from its O(log n) stored nodes. */
  public byte[] root(long size) {
    return read.execute(
        status ->
            jdbc.execute(
                (ConnectionCallback<byte[]>)
                    connection -> {
                      checkSize("treeSize", size, TreeNodes.treeSize(connection));
                      return root(connection, size);
                    }));
  }

  /**
   * The inclusion proof of entry {@code seq} in the tree of {@code treeSize} entries; the leaf hash
   * is computed from the entry as stored now, so an altered entry gives a proof that no longer
   * leads to the signed root.
   *
   * @throws Refusal when {@code treeSize} is not between 1 and the tree's size, or {@code seq} not
   *     between 1 and {@code treeSize}
   */
  public InclusionProof inclusion(long seq, long treeSize) {
    return read.execute(
        status ->
            jdbc.execute(
                (ConnectionCallback<InclusionProof>)
                    connection -> inclusion(connection, seq, treeSize)));
  }

  /**
   * The consistency proof from the tree of {@code from} entries to the tree of {@code to}.
   *
   * @throws Refusal when {@code from} is not between 1 and {@code to}, or {@code to} is beyond the
   *     tree
   */
  public ConsistencyProof consistency(long from, long to) {
    return read.execute(
        status ->
            jdbc.execute(
                (ConnectionCallback<ConsistencyProof>)
                    connection -> consistency(connection, from, to)));
  }

  /** Entries proved per round of queries in {@link #writeInclusionProofs}. */
  private static final int PROOFS_PER_ROUND = 256;

  /**
   * Writes one JSON line per entry, in the given (ascending) order, with the entry's canonical JSON
   * and its audit path in the tree of {@code treeSize}: {@code
   * {"seq":N,"treeSize":T,"entry":"<canonical JSON>","auditPath":["<hex>",…]}}. Nodes are read for
   * many entries at once, so a pack of many records costs a few queries per few hundred entries.
   */
  public void writeInclusionProofs(long treeSize, long[] seqs, java.io.Writer out) {
    read.executeWithoutResult(
        status ->
            jdbc.execute(
                (ConnectionCallback<Void>)
                    connection -> {
                      checkSize("treeSize", treeSize, TreeNodes.treeSize(connection));
                      try {
                        for (int from = 0; from < seqs.length; from += PROOFS_PER_ROUND) {
                          long[] round =
                              java.util.Arrays.copyOfRange(
                                  seqs, from, Math.min(seqs.length, from + PROOFS_PER_ROUND));
                          writeRound(connection, treeSize, round, out);
                        }
                      } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                      return null;
                    }));
  }

  private static void writeRound(
      Connection connection, long treeSize, long[] seqs, java.io.Writer out)
      throws SQLException, java.io.IOException {
    Map<Long, LedgerEntry> entries = new java.util.HashMap<>();
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(LedgerRows.COLUMNS)
            .append(" FROM ledger_entry WHERE seq IN (");
    for (int i = 0; i < seqs.length; i++) {
      sql.append(i == 0 ? "?" : ",?");
    }
    try (PreparedStatement select = connection.prepareStatement(sql.append(')').toString())) {
      for (int i = 0; i < seqs.length; i++) {
        select.setLong(i + 1, seqs[i]);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          LedgerEntry entry = LedgerRows.map(rows);
          entries.put(entry.seq(), entry);
        }
      }
    }
    List<Node> wanted = new ArrayList<>();
    for (long seq : seqs) {
      if (seq >= 1 && seq <= treeSize) {
        Merkle.inclusionSpans(seq, treeSize)
            .forEach(span -> wanted.addAll(Merkle.perfectNodes(span)));
      }
    }
    Map<Node, byte[]> stored = TreeNodes.read(connection, wanted);
    for (long seq : seqs) {
      LedgerEntry entry = entries.get(seq);
      if (entry == null || seq > treeSize) {
        continue;
      }
      StringBuilder line = new StringBuilder(512);
      line.append("{\"seq\":").append(seq).append(",\"treeSize\":").append(treeSize);
      line.append(",\"entry\":");
      CanonicalForm.string(line, CanonicalForm.canonicalJson(entry));
      line.append(",\"auditPath\":[");
      List<byte[]> path = hashes(Merkle.inclusionSpans(seq, treeSize), stored);
      for (int i = 0; i < path.size(); i++) {
        line.append(i == 0 ? "\"" : ",\"").append(Merkle.hex(path.get(i))).append('"');
      }
      out.write(line.append("]}\n").toString());
    }
  }

  static InclusionProof inclusion(Connection connection, long seq, long treeSize)
      throws SQLException {
    checkSize("treeSize", treeSize, TreeNodes.treeSize(connection));
    if (seq < 1 || seq > treeSize) {
      throw new Refusal(
          Refusal.Kind.INVALID_REQUEST,
          "Entry "
              + seq
              + " is not in the tree of size "
              + treeSize
              + ": it holds entries 1 to "
              + treeSize);
    }
    List<LedgerEntry> entry = LedgerRows.page(connection, seq, 1);
    if (entry.isEmpty() || entry.get(0).seq() != seq) {
      throw new Refusal(
          Refusal.Kind.CONFLICT,
          "Entry "
              + seq
              + " is missing from the ledger although the tree holds it: run ledger verify");
    }
    List<Span> spans = Merkle.inclusionSpans(seq, treeSize);
    List<Node> rootNodes = Merkle.rootNodes(treeSize);
    Map<Node, byte[]> stored = TreeNodes.read(connection, nodesOf(spans, rootNodes));
    return new InclusionProof(
        seq,
        treeSize,
        CanonicalForm.leafHash(entry.get(0)),
        hashes(spans, stored),
        fold(rootNodes, stored));
  }

  static ConsistencyProof consistency(Connection connection, long from, long to)
      throws SQLException {
    long size = TreeNodes.treeSize(connection);
    checkSize("to", to, size);
    if (from < 1 || from > to) {
      throw new Refusal(
          Refusal.Kind.INVALID_REQUEST, "from must be between 1 and to (" + to + "), not " + from);
    }
    List<Span> spans = Merkle.consistencySpans(from, to);
    List<Node> fromNodes = Merkle.rootNodes(from);
    List<Node> toNodes = Merkle.rootNodes(to);
    List<Node> wanted = nodesOf(spans, fromNodes);
    wanted.addAll(toNodes);
    Map<Node, byte[]> stored = TreeNodes.read(connection, wanted);
    return new ConsistencyProof(
        from, to, fold(fromNodes, stored), fold(toNodes, stored), hashes(spans, stored));
  }

  static byte[] root(Connection connection, long size) throws SQLException {
    List<Node> nodes = Merkle.rootNodes(size);
    return fold(nodes, TreeNodes.read(connection, nodes));
  }

  private static void checkSize(String name, long size, long treeSize) {
    if (size < 1 || size > treeSize) {
      throw new Refusal(
          Refusal.Kind.INVALID_REQUEST,
          name
              + " must be between 1 and the tree's size ("
              + treeSize
              + "), not "
              + size
              + (treeSize < 1 ? ": the tree is empty" : ""));
    }
  }

  private static List<Node> nodesOf(List<Span> spans, List<Node> more) {
    List<Node> nodes = new ArrayList<>(more);
    spans.forEach(span -> nodes.addAll(Merkle.perfectNodes(span)));
    return nodes;
  }

  private static List<byte[]> hashes(List<Span> spans, Map<Node, byte[]> stored) {
    List<byte[]> hashes = new ArrayList<>(spans.size());
    for (Span span : spans) {
      hashes.add(fold(Merkle.perfectNodes(span), stored));
    }
    return hashes;
  }

  private static byte[] fold(List<Node> nodes, Map<Node, byte[]> stored) {
    List<byte[]> hashes = new ArrayList<>(nodes.size());
    for (Node node : nodes) {
      byte[] hash = stored.get(node);
      if (hash == null) {
        throw new Refusal(
            Refusal.Kind.CONFLICT,
            "The stored Merkle tree lacks its node of height "
                + node.level()
                + " ending at entry "
                + node.end()
                + ": run ledger verify");
      }
      hashes.add(hash);
    }
    return Merkle.fold(hashes);
  }

  /**
   * Integrates entries the tree does not hold yet (those written before it existed), a batch per
   * transaction under the head lock, until the tree holds every entry.
   *
   * @return how many entries were integrated
   */
  public long catchUp() {
    long integrated = 0;
    while (true) {
      Long done =
          batch.execute(status -> jdbc.execute((ConnectionCallback<Long>) this::catchUpBatch));
      if (done == null || done == 0) {
        if (integrated > 0) {
          log.info("Integrated {} ledger entries into the Merkle tree", integrated);
        }
        return integrated;
      }
      integrated += done;
    }
  }

  private long catchUpBatch(Connection connection) throws SQLException {
    long lastSeq;
    long treeSize;
    try (PreparedStatement lock = connection.prepareStatement(LOCK_SIZES);
        ResultSet row = lock.executeQuery()) {
      if (!row.next()) {
        return 0;
      }
      lastSeq = row.getLong(1);
      treeSize = row.getLong(2);
    }
    if (treeSize >= lastSeq) {
      return 0;
    }
    List<LedgerEntry> entries =
        LedgerRows.page(
            connection, treeSize + 1, (int) Math.min(CATCH_UP_BATCH, lastSeq - treeSize));
    long grown = integrate(connection, treeSize, entries);
    if (grown == treeSize) {
      return 0;
    }
    try (PreparedStatement update = connection.prepareStatement(TreeNodes.UPDATE_TREE_SIZE)) {
      update.setLong(1, grown);
      update.executeUpdate();
    }
    return grown - treeSize;
  }

  /**
   * Adds entries {@code treeSize + 1, …} to the stored tree, as far as they run without a gap. Does
   * not move the head's {@code tree_size}: the caller does, under the head lock.
   *
   * @return the new tree size; {@code treeSize} unchanged when the stored frontier is damaged (the
   *     verifier reports it) or the entries do not continue the tree
   */
  static long integrate(Connection connection, long treeSize, List<LedgerEntry> entries)
      throws SQLException {
    List<Node> frontierNodes = Merkle.rootNodes(treeSize);
    Map<Node, byte[]> stored = TreeNodes.read(connection, frontierNodes);
    List<byte[]> frontier = new ArrayList<>();
    for (Node node : frontierNodes) {
      byte[] hash = stored.get(node);
      if (hash == null) {
        log.error(
            "The Merkle tree's node of height {} ending at entry {} is missing: entries after {} are"
                + " not integrated until it is restored; ledger verify reports it",
            node.level(),
            node.end(),
            treeSize);
        return treeSize;
      }
      frontier.add(hash);
    }
    TreeBuilder tree = new TreeBuilder(treeSize, frontier);
    List<TreeBuilder.Hashed> nodes = new ArrayList<>();
    for (LedgerEntry entry : entries) {
      if (entry.seq() != tree.size() + 1) {
        break;
      }
      nodes.addAll(tree.append(CanonicalForm.leafHash(entry)));
    }
    TreeNodes.insert(connection, nodes);
    return tree.size();
  }
}
