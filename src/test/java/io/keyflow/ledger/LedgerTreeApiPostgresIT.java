package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.ledger.details.KeyGenerationRequested;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed tree heads and proofs over REST, on SoftHSM2 and PostgreSQL: heads are C2SP signed notes
 * whose signature an outside tool checks with the audit key; inclusion and consistency proofs lead
 * to the signed roots; bad sizes are 400 problem details; an entry edited in the database gets a
 * proof that no longer leads to the signed head, and the verifier names the rewrite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LedgerTreeApiPostgresIT {

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) {
    FullStack.register(registry, "tree-api");
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired Ledger ledger;
  @Autowired LedgerTree tree;
  @Autowired LedgerCheckpoints checkpoints;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void signedTreeHeadsAndProofsVerifyOutsideKeyflowAndBadSizesAreRefused() throws Exception {
    RestClient rest = new RestClient(port);
    long start = ledger.head().lastSeq();
    append(7);
    LedgerCheckpoint first = checkpoints.checkpoint().orElseThrow();
    append(5);
    LedgerCheckpoint second = checkpoints.checkpoint().orElseThrow();

    assertThat(second.messageVersion()).isEqualTo(3);
    assertThat(second.seq()).isEqualTo(start + 12);
    assertThat(second.treeRoot()).isEqualTo(Merkle.hex(reference().root((int) second.seq())));
    assertThat(second.previousSeq()).isEqualTo(first.seq());

    var heads = rest.get("/api/ledger/tree-heads", "dave");
    assertThat(heads.statusCode()).isEqualTo(200);
    List<String> notes = notes(heads.body());
    assertThat(notes).hasSizeGreaterThanOrEqualTo(2);
    String latest = notes.get(0);
    assertThat(latest).isEqualTo(rest.get("/api/ledger/tree-heads/latest", "dave").body());
    String[] lines = latest.split("\n", -1);
    assertThat(lines[0]).isEqualTo("keyflow.io/ledger");
    assertThat(lines[1]).isEqualTo(Long.toString(second.seq()));
    assertThat(Merkle.hex(Base64.getDecoder().decode(lines[2]))).isEqualTo(second.treeRoot());
    assertThat(verifiesAsSignedNote(latest))
        .as("the note's signature, checked with the JDK")
        .isTrue();

    long seq = start + 3;
    JsonNode proof =
        json.readTree(
            rest.get("/api/ledger/entries/" + seq + "/proof?treeSize=" + second.seq(), "dave")
                .body());
    assertThat(proof.get("verifiesAgainstSignedHead").asBoolean()).isTrue();
    assertThat(
            Merkle.verifyInclusion(
                seq,
                second.seq(),
                Merkle.unhex(proof.get("leafHash").asText()),
                hashes(proof.get("auditPath")),
                Merkle.unhex(second.treeRoot())))
        .isTrue();
    JsonNode byDefault =
        json.readTree(rest.get("/api/ledger/entries/" + seq + "/proof", "dave").body());
    assertThat(byDefault.get("treeSize").asLong()).isEqualTo(second.seq());

    JsonNode consistency =
        json.readTree(
            rest.get("/api/ledger/consistency?from=" + first.seq() + "&to=" + second.seq(), "dave")
                .body());
    assertThat(consistency.get("verifiesAgainstSignedHeads").asBoolean()).isTrue();
    assertThat(
            Merkle.verifyConsistency(
                first.seq(),
                second.seq(),
                Merkle.unhex(first.treeRoot()),
                Merkle.unhex(second.treeRoot()),
                hashes(consistency.get("proof"))))
        .isTrue();

    long size = tree.size();
    assertBadRequest(rest, "/api/ledger/entries/1/proof?treeSize=0", "treeSize must be between 1");
    assertBadRequest(
        rest, "/api/ledger/entries/1/proof?treeSize=" + (size + 1), "not " + (size + 1));
    assertBadRequest(
        rest,
        "/api/ledger/entries/" + (size + 1) + "/proof?treeSize=" + size,
        "is not in the tree");
    assertBadRequest(
        rest, "/api/ledger/consistency?from=5&to=4", "from must be between 1 and to (4)");
    assertBadRequest(rest, "/api/ledger/consistency?from=0&to=4", "not 0");
    assertBadRequest(rest, "/api/ledger/consistency?from=1&to=" + (size + 5), "the tree's size");
    assertThat(rest.get("/api/ledger/consistency?from=x&to=4", "dave").statusCode()).isEqualTo(400);
    assertThat(rest.get("/api/ledger/tree-heads", "alice").statusCode()).isEqualTo(403);
    assertThat(ledger.verify().valid()).isTrue();

    String actor =
        jdbc.queryForObject("SELECT actor FROM ledger_entry WHERE seq = ?", String.class, seq);
    tamperActor(seq, "mallory");

    JsonNode after =
        json.readTree(
            rest.get("/api/ledger/entries/" + seq + "/proof?treeSize=" + second.seq(), "dave")
                .body());
    assertThat(after.get("verifiesAgainstSignedHead").asBoolean()).isFalse();
    LedgerVerification verdict = ledger.verify();
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.firstInvalidSequence()).isEqualTo(seq);
    tamperActor(seq, actor);
    assertThat(ledger.verify().valid()).as("restored").isTrue();
  }

  @Test
  void aChainAndTreeRewrittenAndRehashedAreCaughtByTheSignedTreeHead() {
    long start = ledger.head().lastSeq();
    append(4);
    LedgerCheckpoint head = checkpoints.checkpoint().orElseThrow();

    rewriteAndRehash(start + 2);

    LedgerVerification verdict = ledger.verify();
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.firstInvalidSequence()).isEqualTo(head.seq());
    assertThat(verdict.reason())
        .contains("no longer has the root its signed tree head signed: tree nodes were altered");
    CheckpointVerification signed = checkpoints.verify();
    assertThat(signed.valid()).isFalse();
    assertThat(signed.reason()).contains("the chain was rewritten");
  }

  private void append(int count) {
    for (int i = 0; i < count; i++) {
      transactions.executeWithoutResult(
          status ->
              ledger.append(
                  LedgerEvent.builder(LedgerAction.KEY_GENERATION_REQUESTED, "alice")
                      .key(null, "tree-" + System.nanoTime())
                      .details(
                          new KeyGenerationRequested("DATA_AT_REST", null, null, null, null, null))
                      .build()));
    }
  }

  private ReferenceMerkleTree reference() {
    return ReferenceMerkleTree.ofEntries(
        jdbc.query(
            "SELECT " + LedgerRows.COLUMNS + " FROM ledger_entry ORDER BY seq",
            (row, n) -> LedgerRows.map(row)));
  }

  private boolean verifiesAsSignedNote(String note) throws Exception {
    int split = note.indexOf("\n\n\u2014 ");
    byte[] body = note.substring(0, split + 1).getBytes(StandardCharsets.UTF_8);
    String line = note.substring(split + 2).trim();
    String[] parts = line.split(" ");
    assertThat(parts[1]).isEqualTo(LedgerCheckpoint.ORIGIN);
    byte[] blob = Base64.getDecoder().decode(parts[2]);
    assertThat(Arrays.copyOf(blob, 4)).isEqualTo(LedgerCheckpoint.keyId(checkpoints.publicKey()));
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(checkpoints.publicKey());
    verifier.update(body);
    return verifier.verify(Arrays.copyOfRange(blob, 4, blob.length));
  }

  private static List<String> notes(String text) {
    List<String> notes = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      current.append(line).append('\n');
      if (line.startsWith("\u2014 ")) {
        notes.add(current.toString());
        current.setLength(0);
      } else if (line.isEmpty() && current.length() == 1) {
        current.setLength(0);
      }
    }
    return notes;
  }

  private static List<byte[]> hashes(JsonNode array) {
    List<byte[]> hashes = new ArrayList<>();
    array.forEach(node -> hashes.add(Merkle.unhex(node.asText())));
    return hashes;
  }

  private void assertBadRequest(RestClient rest, String path, String detail) throws Exception {
    var response = rest.get(path, "dave");
    assertThat(response.statusCode()).as(path).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("detail").asText()).as(path).contains(detail);
  }

  private void tamperActor(long seq, String actor) {
    jdbc.execute("ALTER TABLE ledger_entry DISABLE TRIGGER USER");
    try {
      jdbc.update("UPDATE ledger_entry SET actor = ? WHERE seq = ?", actor, seq);
    } finally {
      jdbc.execute("ALTER TABLE ledger_entry ENABLE TRIGGER USER");
    }
  }

  /** Changes entry {@code from}, re-hashes it, every later entry and the head, and the tree. */
  private void rewriteAndRehash(long from) {
    jdbc.execute("ALTER TABLE ledger_entry DISABLE TRIGGER USER");
    try {
      var entries =
          jdbc.query(
              "SELECT " + LedgerRows.COLUMNS + " FROM ledger_entry ORDER BY seq",
              (row, n) -> LedgerRows.map(row));
      String prev = entries.get((int) from - 2).hash();
      for (LedgerEntry e : entries.subList((int) from - 1, entries.size())) {
        LedgerEntry changed =
            new LedgerEntry(
                e.seq(),
                e.recordedAt(),
                e.seq() == from ? "mallory" : e.actor(),
                e.action(),
                e.keyId(),
                e.keyAlias(),
                e.versionId(),
                e.versionNumber(),
                e.processInstanceId(),
                e.detailsJson(),
                prev,
                null);
        String hash = CanonicalForm.hash(changed);
        jdbc.update(
            "UPDATE ledger_entry SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            changed.actor(),
            prev,
            hash,
            e.seq());
        prev = hash;
      }
      jdbc.update("UPDATE ledger_head SET last_hash = ? WHERE id = 1", prev);
      // The stored tree rebuilt too, so only the signed root can tell.
      jdbc.update("DELETE FROM ledger_tree_node");
      jdbc.update("UPDATE ledger_head SET tree_size = 0 WHERE id = 1");
    } finally {
      jdbc.execute("ALTER TABLE ledger_entry ENABLE TRIGGER USER");
    }
    tree.catchUp();
  }
}
