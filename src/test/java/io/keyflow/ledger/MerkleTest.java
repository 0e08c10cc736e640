package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.ledger.Merkle.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Merkle tree against RFC 9162's definitions: the reference test vectors of the RFC 6962 / 9162
 * tree (the leaves "", 00, 10, 2021, …, as published with Certificate Transparency's and
 * transparency-dev's test data), and, for every size up to 300 and random sizes beyond, proofs
 * built from stored perfect subtrees compared with an independent implementation that follows the
 * RFC's recursive definitions over the list of leaves.
 */
class MerkleTest {

  private static final HexFormat HEX = HexFormat.of();

  private static final String[] LEAVES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };

  private static final String[] ROOTS = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  /** {seq (1-based leaf), tree size, audit path…}. */
  private static final String[][] INCLUSION = {
    {"1", "1"},
    {
      "1",
      "8",
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"
    },
    {
      "6",
      "8",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
    },
    {"3", "3", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"},
    {
      "2",
      "5",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"
    }
  };

  /** {from, to, proof…}. */
  private static final String[][] CONSISTENCY = {
    {"1", "1"},
    {
      "1",
      "8",
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"
    },
    {
      "6",
      "8",
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
    },
    {
      "2",
      "5",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"
    },
    {
      "6",
      "7",
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
    }
  };

  @Test
  void theEmptyTreesRootIsTheHashOfNothing() {
    assertThat(Merkle.hex(Merkle.emptyRoot()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Merkle.hex(new TreeBuilder().root())).isEqualTo(Merkle.hex(Merkle.emptyRoot()));
  }

  @Test
  void rootsOfThePublishedTestTreeMatchForEverySize() {
    Stored tree = Stored.of(vectorLeaves());
    for (int size = 1; size <= ROOTS.length; size++) {
      assertThat(Merkle.hex(tree.root(size)))
          .as("root of size %d", size)
          .isEqualTo(ROOTS[size - 1]);
    }
  }

  @Test
  void inclusionProofsMatchThePublishedOnesAndVerify() {
    Stored tree = Stored.of(vectorLeaves());
    for (String[] vector : INCLUSION) {
      long seq = Long.parseLong(vector[0]);
      long size = Long.parseLong(vector[1]);
      List<byte[]> expected = hashes(vector, 2);
      assertThat(hex(tree.inclusion(seq, size))).isEqualTo(hex(expected));
      byte[] leaf = Merkle.leafHash(HEX.parseHex(LEAVES[(int) seq - 1]));
      assertThat(
              Merkle.verifyInclusion(
                  seq, size, leaf, expected, HEX.parseHex(ROOTS[(int) size - 1])))
          .isTrue();
    }
  }

  @Test
  void consistencyProofsMatchThePublishedOnesAndVerify() {
    Stored tree = Stored.of(vectorLeaves());
    for (String[] vector : CONSISTENCY) {
      long from = Long.parseLong(vector[0]);
      long to = Long.parseLong(vector[1]);
      List<byte[]> expected = hashes(vector, 2);
      assertThat(hex(tree.consistency(from, to))).isEqualTo(hex(expected));
      assertThat(
              Merkle.verifyConsistency(
                  from,
                  to,
                  HEX.parseHex(ROOTS[(int) from - 1]),
                  HEX.parseHex(ROOTS[(int) to - 1]),
                  expected))
          .isTrue();
    }
  }

  @Test
  void aLeafIsTheHashOfZeroAndTheEntrysCanonicalJsonWithoutThePreviousHash() {
    LedgerEntry entry = LedgerFixtures.chain(2).get(1);
    byte[] json = CanonicalForm.canonicalJson(entry).getBytes(StandardCharsets.UTF_8);

    assertThat(Merkle.hex(CanonicalForm.leafHash(entry)))
        .isEqualTo(Merkle.hex(Merkle.leafHash(json)));
    assertThat(Merkle.hex(CanonicalForm.referenceLeafHash(entry)))
        .isEqualTo(Merkle.hex(ReferenceMerkleTree.leaf(json)));
  }

  @Test
  void everyProofOfEveryTreeUpToThreeHundredEntriesEqualsTheReferenceAndVerifies() {
    List<byte[]> leaves = randomLeaves(300, new Random(21));
    Stored tree = Stored.of(leaves);
    ReferenceMerkleTree reference = new ReferenceMerkleTree(leaves);
    for (int size = 1; size <= leaves.size(); size++) {
      byte[] root = reference.root(size);
      assertThat(tree.root(size)).as("root %d", size).isEqualTo(root);
      for (int seq = 1; seq <= size; seq++) {
        List<byte[]> proof = tree.inclusion(seq, size);
        assertThat(hex(proof))
            .as("inclusion %d in %d", seq, size)
            .isEqualTo(hex(reference.path(seq - 1, size)));
        assertThat(Merkle.verifyInclusion(seq, size, reference.leafHash(seq - 1), proof, root))
            .isTrue();
      }
      for (int from = 1; from <= size; from++) {
        List<byte[]> proof = tree.consistency(from, size);
        assertThat(hex(proof))
            .as("consistency %d to %d", from, size)
            .isEqualTo(hex(reference.proof(from, size)));
        assertThat(Merkle.verifyConsistency(from, size, reference.root(from), root, proof))
            .isTrue();
      }
    }
  }

  @Test
  void proofsInRandomLargerTreesEqualTheReference() {
    Random random = new Random(9162);
    for (int round = 0; round < 6; round++) {
      int size = 300 + random.nextInt(20_000);
      List<byte[]> leaves = randomLeaves(size, random);
      Stored tree = Stored.of(leaves);
      ReferenceMerkleTree reference = new ReferenceMerkleTree(leaves);
      for (int probe = 0; probe < 40; probe++) {
        int treeSize = 1 + random.nextInt(size);
        int seq = 1 + random.nextInt(treeSize);
        int from = 1 + random.nextInt(treeSize);
        byte[] root = reference.root(treeSize);
        assertThat(tree.root(treeSize)).isEqualTo(root);
        List<byte[]> inclusion = tree.inclusion(seq, treeSize);
        assertThat(hex(inclusion)).isEqualTo(hex(reference.path(seq - 1, treeSize)));
        assertThat(
                Merkle.verifyInclusion(seq, treeSize, reference.leafHash(seq - 1), inclusion, root))
            .isTrue();
        List<byte[]> consistency = tree.consistency(from, treeSize);
        assertThat(hex(consistency)).isEqualTo(hex(reference.proof(from, treeSize)));
        assertThat(
                Merkle.verifyConsistency(from, treeSize, reference.root(from), root, consistency))
            .isTrue();
      }
    }
  }

  @Test
  void alteredInclusionProofsAreRejected() {
    List<byte[]> leaves = randomLeaves(100, new Random(1));
    Stored tree = Stored.of(leaves);
    ReferenceMerkleTree reference = new ReferenceMerkleTree(leaves);
    long seq = 38;
    long size = 97;
    byte[] root = reference.root(97);
    byte[] leaf = reference.leafHash(37);
    List<byte[]> proof = tree.inclusion(seq, size);

    assertThat(Merkle.verifyInclusion(seq, size, leaf, proof, root)).isTrue();
    assertThat(Merkle.verifyInclusion(seq - 1, size, leaf, proof, root)).isFalse();
    assertThat(Merkle.verifyInclusion(seq + 1, size, leaf, proof, root)).isFalse();
    assertThat(Merkle.verifyInclusion(seq, size * 2, leaf, proof, root)).isFalse();
    assertThat(Merkle.verifyInclusion(seq, size / 2, leaf, proof, root)).isFalse();
    assertThat(Merkle.verifyInclusion(seq, size, reference.leafHash(36), proof, root)).isFalse();
    assertThat(Merkle.verifyInclusion(seq, size, leaf, proof, reference.root(96))).isFalse();
    assertThat(Merkle.verifyInclusion(seq, size, leaf, proof.subList(0, proof.size() - 1), root))
        .isFalse();
    assertThat(Merkle.verifyInclusion(seq, size, leaf, plus(proof, root), root)).isFalse();
    for (int i = 0; i < proof.size(); i++) {
      List<byte[]> flipped = new ArrayList<>(proof);
      byte[] bad = proof.get(i).clone();
      bad[0] ^= 8;
      flipped.set(i, bad);
      assertThat(Merkle.verifyInclusion(seq, size, leaf, flipped, root))
          .as("bit in %d", i)
          .isFalse();
    }
  }

  @Test
  void alteredConsistencyProofsAreRejected() {
    List<byte[]> leaves = randomLeaves(100, new Random(2));
    Stored tree = Stored.of(leaves);
    ReferenceMerkleTree reference = new ReferenceMerkleTree(leaves);
    long from = 37;
    long to = 99;
    byte[] fromRoot = reference.root(37);
    byte[] toRoot = reference.root(99);
    List<byte[]> proof = tree.consistency(from, to);

    assertThat(Merkle.verifyConsistency(from, to, fromRoot, toRoot, proof)).isTrue();
    assertThat(Merkle.verifyConsistency(from - 1, to, fromRoot, toRoot, proof)).isFalse();
    assertThat(Merkle.verifyConsistency(from + 1, to, fromRoot, toRoot, proof)).isFalse();
    assertThat(Merkle.verifyConsistency(from, to * 2, fromRoot, toRoot, proof)).isFalse();
    assertThat(Merkle.verifyConsistency(from, to, toRoot, fromRoot, proof)).isFalse();
    assertThat(Merkle.verifyConsistency(from, to, fromRoot, toRoot, List.of())).isFalse();
    assertThat(Merkle.verifyConsistency(to, from, toRoot, fromRoot, proof)).isFalse();
    assertThat(Merkle.verifyConsistency(from, to, fromRoot, toRoot, plus(proof, toRoot))).isFalse();
    for (int i = 0; i < proof.size(); i++) {
      List<byte[]> flipped = new ArrayList<>(proof);
      byte[] bad = proof.get(i).clone();
      bad[0] ^= 16;
      flipped.set(i, bad);
      assertThat(Merkle.verifyConsistency(from, to, fromRoot, toRoot, flipped)).isFalse();
    }
  }

  @Test
  void refusesProofsOutsideTheTree() {
    assertThatThrownBy(() -> Merkle.inclusionSpans(0, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Merkle.inclusionSpans(6, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Merkle.consistencySpans(6, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNodeIsNamedByItsLastEntryAndHeight() {
    assertThat(Merkle.rootNodes(13))
        .containsExactly(new Node(8, 3), new Node(12, 2), new Node(13, 0));
    assertThat(new Node(12, 2).start()).isEqualTo(9);
  }

  private static List<byte[]> vectorLeaves() {
    List<byte[]> leaves = new ArrayList<>();
    for (String leaf : LEAVES) {
      leaves.add(HEX.parseHex(leaf));
    }
    return leaves;
  }

  private static List<byte[]> randomLeaves(int count, Random random) {
    List<byte[]> leaves = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] data = new byte[random.nextInt(40)];
      random.nextBytes(data);
      leaves.add(data);
    }
    return leaves;
  }

  private static List<byte[]> hashes(String[] vector, int from) {
    List<byte[]> hashes = new ArrayList<>();
    for (int i = from; i < vector.length; i++) {
      hashes.add(HEX.parseHex(vector[i]));
    }
    return hashes;
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HEX::formatHex).toList();
  }

  private static List<byte[]> plus(List<byte[]> proof, byte[] extra) {
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(extra);
    return longer;
  }

  /** The tree as the ledger stores it: every perfect node, written by {@link TreeBuilder}. */
  private record Stored(Map<Node, byte[]> nodes) {

    static Stored of(List<byte[]> leaves) {
      Map<Node, byte[]> nodes = new HashMap<>();
      TreeBuilder builder = new TreeBuilder();
      for (byte[] leaf : leaves) {
        builder.append(Merkle.leafHash(leaf)).forEach(n -> nodes.put(n.node(), n.hash()));
      }
      return new Stored(nodes);
    }

    byte[] root(long size) {
      return fold(Merkle.rootNodes(size));
    }

    List<byte[]> inclusion(long seq, long size) {
      return Merkle.inclusionSpans(seq, size).stream()
          .map(span -> fold(Merkle.perfectNodes(span)))
          .toList();
    }

    List<byte[]> consistency(long from, long to) {
      return Merkle.consistencySpans(from, to).stream()
          .map(span -> fold(Merkle.perfectNodes(span)))
          .toList();
    }

    private byte[] fold(List<Node> path) {
      return Merkle.fold(path.stream().map(nodes::get).toList());
    }
  }
}
