package io.keyflow.ledger;

import io.keyflow.ledger.Merkle.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Grows the tree one leaf at a time from its frontier (the perfect subtrees whose fold is the root,
 * a "compact range"): each new leaf is pushed and merged with equal-height neighbours, and every
 * node completed on the way is handed out to be stored. Memory is O(log n) whatever the size.
 */
final class TreeBuilder {

  /** A node with its hash. */
  record Hashed(Node node, byte[] hash) {}

  private final List<Hashed> frontier = new ArrayList<>();
  private long size;

  /** An empty tree. */
  TreeBuilder() {}

  /**
   * The tree of {@code size} entries, from its frontier's hashes in {@link Merkle#rootNodes} order.
   */
  TreeBuilder(long size, List<byte[]> frontierHashes) {
    List<Node> nodes = Merkle.rootNodes(size);
    if (nodes.size() != frontierHashes.size()) {
      throw new IllegalArgumentException(
          "a tree of size " + size + " has " + nodes.size() + " roots");
    }
    for (int i = 0; i < nodes.size(); i++) {
      frontier.add(new Hashed(nodes.get(i), frontierHashes.get(i)));
    }
    this.size = size;
  }

  long size() {
    return size;
  }

  /** Appends entry {@code size + 1}'s leaf hash; returns the nodes this completes, leaf first. */
  List<Hashed> append(byte[] leafHash) {
    size++;
    List<Hashed> completed = new ArrayList<>(2);
    Hashed node = new Hashed(new Node(size, 0), leafHash);
    completed.add(node);
    while (!frontier.isEmpty()
        && frontier.get(frontier.size() - 1).node().level() == node.node().level()) {
      Hashed left = frontier.remove(frontier.size() - 1);
      node =
          new Hashed(
              new Node(size, node.node().level() + 1), Merkle.nodeHash(left.hash(), node.hash()));
      completed.add(node);
    }
    frontier.add(node);
    return completed;
  }

  /** The frontier's nodes and hashes, in {@link Merkle#rootNodes} order. */
  List<Hashed> frontier() {
    return List.copyOf(frontier);
  }

  /** The root of the tree so far (the empty tree's root when nothing was appended). */
  byte[] root() {
    return Merkle.fold(frontier.stream().map(Hashed::hash).toList());
  }
}
