package io.keyflow.ledger;

import io.keyflow.ledger.Merkle.Node;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The stored Merkle tree ({@code ledger_tree_node}) on plain JDBC, so the command line reads it as
 * the server does. See {@link Merkle} for what a node is.
 */
final class TreeNodes {

  static final String INSERT = "INSERT INTO ledger_tree_node (seq, height, hash) VALUES (?, ?, ?)";

  /** The tree size recorded in the head (entries integrated into the tree). */
  static final String READ_TREE_SIZE = "SELECT tree_size FROM ledger_head WHERE id = 1";

  static final String UPDATE_TREE_SIZE = "UPDATE ledger_head SET tree_size = ? WHERE id = 1";

  /** Nodes fetched per query: every proof of a tree below 2^63 entries fits in two. */
  private static final int PER_QUERY = 64;

  private TreeNodes() {}

  /** The stored hashes of the given nodes; a node that is not stored is absent from the map. */
  static Map<Node, byte[]> read(Connection connection, Collection<Node> wanted)
      throws SQLException {
    List<Node> nodes = new ArrayList<>(new LinkedHashSet<>(wanted));
    Map<Node, byte[]> found = new HashMap<>();
    for (int from = 0; from < nodes.size(); from += PER_QUERY) {
      List<Node> batch = nodes.subList(from, Math.min(nodes.size(), from + PER_QUERY));
      StringBuilder sql =
          new StringBuilder("SELECT seq, height, hash FROM ledger_tree_node WHERE ");
      for (int i = 0; i < batch.size(); i++) {
        sql.append(i == 0 ? "" : " OR ").append("(seq = ? AND height = ?)");
      }
      try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
        int p = 1;
        for (Node node : batch) {
          select.setLong(p++, node.end());
          select.setInt(p++, node.level());
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            String hash = rows.getString(3);
            try {
              found.put(new Node(rows.getLong(1), rows.getInt(2)), Merkle.unhex(hash.trim()));
            } catch (IllegalArgumentException notAHash) {
              // A row altered by hand: treated as absent, so the proof is refused, not wrong.
            }
          }
        }
      }
    }
    return found;
  }

  /** Inserts nodes as one batch. */
  static void insert(Connection connection, List<TreeBuilder.Hashed> nodes) throws SQLException {
    if (nodes.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (TreeBuilder.Hashed node : nodes) {
        insert.setLong(1, node.node().end());
        insert.setInt(2, node.node().level());
        insert.setString(3, Merkle.hex(node.hash()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The recorded tree size, or -1 when the head row is missing. */
  static long treeSize(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(READ_TREE_SIZE);
        ResultSet row = select.executeQuery()) {
      return row.next() ? row.getLong(1) : -1;
    }
  }
}
