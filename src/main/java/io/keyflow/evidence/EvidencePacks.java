package io.keyflow.evidence;

import io.keyflow.compliance.ControlEvaluation;
import io.keyflow.hsm.KeyVault;
import io.keyflow.key.Keys;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerCheckpoint;
import io.keyflow.ledger.LedgerCheckpoints;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.LedgerTree;
import io.keyflow.ledger.Merkle;
import io.keyflow.ledger.PackProofs;
import io.keyflow.ledger.details.EvidencePackGenerated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Makes evidence packs: gathers the records of a period (or of one key) into a working directory,
 * writes the report, the JSON and the CSVs, seals them with a manifest signed by the ledger's audit
 * signing key, and writes the issuance to the ledger. The caller streams the directory as a ZIP and
 * deletes it.
 */
@Service
public class EvidencePacks {

  private static final Logger log = LoggerFactory.getLogger(EvidencePacks.class);

  private final Ledger ledger;
  private final LedgerCheckpoints checkpoints;
  private final Keys keys;
  private final PackContent content;
  private final PackSealing sealing;
  private final Clock clock;
  private final LedgerTree tree;

  EvidencePacks(
      Ledger ledger,
      LedgerCheckpoints checkpoints,
      LedgerTree tree,
      Keys keys,
      KeyVault vault,
      EngineFacts engine,
      ControlEvaluation controls,
      Clock clock,
      ApprovalEscalation escalation) {
    this.ledger = ledger;
    this.checkpoints = checkpoints;
    this.tree = tree;
    this.keys = keys;
    this.content = new PackContent(controls, keys, engine, escalation.approvalEscalation());
    this.sealing = new PackSealing(vault, checkpoints);
    this.clock = clock;
  }

  /** A sealed pack in its working directory, with the name the download should get. */
  public record Pack(Path directory, String fileName, String manifestSha256, long ledgerSequence) {

    /** The pack's files, relative and sorted (what the ZIP holds). */
    public java.util.List<String> files() {
      try {
        return PackSealing.files(directory);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Removes the working directory. */
    public void delete() {
      try (Stream<Path> all = Files.walk(directory)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        log.warn("Evidence pack working directory {} not removed: {}", directory, e.getMessage());
      }
    }
  }

  /**
   * Makes a pack. Refuses (404) an alias that names no key.
   *
   * @param alias one key's alias, or null for every key
   */
  public Pack make(EvidencePeriod period, String alias, String generatedBy) {
    return make(period, alias, generatedBy, null);
  }

  /**
   * Makes a pack whose ledger entries each carry an inclusion proof against the pack's signed tree
   * head, plus, when {@code previousTreeSize} is given (the tree size of the auditor's previous
   * pack), a consistency proof from that tree to this one.
   *
   * @throws io.keyflow.shared.Refusal when {@code previousTreeSize} is not between 1 and the pack's
   *     tree size
   */
  public Pack make(EvidencePeriod period, String alias, String generatedBy, Long previousTreeSize) {
    if (alias != null && keys.findByAlias(alias).isEmpty()) {
      throw EvidenceRefused.notFound(
          "No key has the alias '" + alias + "'; list the keys with GET /api/keys");
    }
    long started = System.nanoTime();
    Instant now = clock.instant();
    // Sign the head first when no checkpoint covers it, so that the verdict includes the checkpoint
    // the pack will carry for the end of the period.
    sealing.checkpointCovering(ledger.head().lastSeq());
    LedgerVerdict verdict = new LedgerVerdict(ledger.verify(), checkpoints.verify());
    Path dir = null;
    try {
      dir = Files.createTempDirectory("keyflow-evidence-");
      PackContent.Gathered gathered = content.gather(dir, period, alias, now, verdict);
      LedgerCheckpoint checkpoint =
          sealing.checkpointCovering(gathered.lastSequenceInPeriod()).orElse(null);
      PackSummary summary =
          new PackSummary(
              period,
              alias,
              generatedBy,
              now,
              verdict,
              gathered.controls(),
              checkpoint,
              gathered.entriesInPeriod(),
              gathered.keys(),
              gathered.versions(),
              gathered.rows(),
              gathered.exceptionsByKind(),
              gathered.coverage());
      TableFiles tables = gathered.tables();
      IndexPage.write(dir.resolve("index.html"), summary, tables);
      EvidenceJson.write(dir.resolve("evidence.json"), summary, tables);
      VerifyInstructions.write(dir.resolve("VERIFY.txt"), summary);
      sealing.writeKeyAndCheckpoint(dir, checkpoint);
      writeProofs(dir, checkpoint, gathered.sequencesInPeriod(), previousTreeSize);
      String manifestSha256 = sealing.writeManifest(dir);
      sealing.signManifest(dir);
      long seq = recordIssuance(summary, manifestSha256).seq();
      log.info(
          "Evidence pack for {} ({}) made by {} in {} ms: {} entries, {} exceptions, manifest {}",
          summary.scope(),
          period,
          generatedBy,
          (System.nanoTime() - started) / 1_000_000,
          gathered.entriesInPeriod(),
          summary.exceptions(),
          manifestSha256);
      return new Pack(dir, fileName(period, alias), manifestSha256, seq);
    } catch (IOException | RuntimeException e) {
      if (dir != null) {
        new Pack(dir, "", "", 0).delete();
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException(
          "Cannot write the evidence pack: " + e.getMessage(), (IOException) e);
    }
  }

  /**
   * The period's entries with their inclusion proofs against the pack's signed tree head, the
   * consistency proof from the previous pack's tree, the head as a signed note, and the standalone
   * verifier script. Nothing when the pack's checkpoint signs no tree (made before the tree).
   */
  private void writeProofs(Path dir, LedgerCheckpoint head, long[] seqs, Long previousTreeSize)
      throws IOException {
    if (head == null || head.treeRoot() == null) {
      return;
    }
    try (java.io.Writer out =
        Files.newBufferedWriter(dir.resolve(PackProofs.PROOFS), StandardCharsets.UTF_8)) {
      long[] proved = java.util.Arrays.stream(seqs).filter(seq -> seq <= head.seq()).toArray();
      tree.writeInclusionProofs(head.seq(), proved, out);
    }
    if (previousTreeSize != null) {
      LedgerTree.ConsistencyProof proof = tree.consistency(previousTreeSize, head.seq());
      Files.writeString(
          dir.resolve(PackProofs.CONSISTENCY),
          "{\"from\":"
              + proof.from()
              + ",\"to\":"
              + proof.to()
              + ",\"fromRoot\":\""
              + Merkle.hex(proof.fromRoot())
              + "\",\"proof\":["
              + String.join(
                  ",", proof.path().stream().map(h -> "\"" + Merkle.hex(h) + "\"").toList())
              + "]}\n",
          StandardCharsets.UTF_8);
    }
    Files.writeString(
        dir.resolve("ledger-tree-head.txt"),
        head.signedNote(checkpoints.publicKey()),
        StandardCharsets.UTF_8);
    try (java.io.InputStream script =
        EvidencePacks.class.getResourceAsStream("/evidence/verify_pack.py")) {
      Files.copy(
          java.util.Objects.requireNonNull(script, "verify_pack.py"),
          dir.resolve("verify_pack.py"));
    }
  }

  private io.keyflow.ledger.LedgerEntry recordIssuance(PackSummary s, String manifestSha256) {
    return ledger.append(
        LedgerEvent.builder(LedgerAction.EVIDENCE_PACK_GENERATED, s.generatedBy())
            .key(null, s.alias())
            .details(
                new EvidencePackGenerated(
                    s.period().from(),
                    s.period().to(),
                    s.scope(),
                    manifestSha256,
                    s.entriesInPeriod(),
                    s.exceptions(),
                    s.verdict().valid(),
                    s.checkpoint() == null ? null : s.checkpoint().seq()))
            .build());
  }

  private static String fileName(EvidencePeriod period, String alias) {
    String scope = alias == null ? "" : "-" + alias.replaceAll("[^A-Za-z0-9._-]", "_");
    return "keyflow-evidence" + scope + "-" + period.from() + "-to-" + period.to() + ".zip";
  }
}
