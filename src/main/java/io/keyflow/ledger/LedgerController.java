package io.keyflow.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ledger verification for officers and auditors; read access to the entries. */
@RestController
@RequestMapping("/api/ledger")
class LedgerController {

  private final Ledger ledger;
  private final LedgerCheckpoints checkpoints;
  private final AccessGuard accessGuard;

  LedgerController(Ledger ledger, LedgerCheckpoints checkpoints, AccessGuard accessGuard) {
    this.ledger = ledger;
    this.checkpoints = checkpoints;
    this.accessGuard = accessGuard;
  }

  /**
   * Re-hashes the chain and checks every signed checkpoint; {@code valid} only when both hold. The
   * first invalid sequence is the chain's when the chain breaks, else the first failed
   * checkpoint's.
   */
  @GetMapping("/verify")
  VerificationView verify() {
    accessGuard.require(Role.SECURITY_OFFICER, Role.AUDITOR);
    LedgerVerification chain = ledger.verify();
    CheckpointVerification signed = checkpoints.verify();
    boolean valid = chain.valid() && signed.valid();
    Long firstInvalid =
        !chain.valid() ? chain.firstInvalidSequence() : signed.firstInvalidCheckpoint();
    String reason = !chain.valid() ? chain.reason() : signed.reason();
    return new VerificationView(valid, chain.entries(), firstInvalid, reason, signed);
  }

  /**
   * Signs the current head now (officers); the scheduler does this at intervals anyway. Refused
   * with 409 when the chain since the previous checkpoint does not verify.
   */
  @PostMapping("/checkpoints")
  ResponseEntity<LedgerCheckpoint> checkpoint() {
    accessGuard.require(Role.SECURITY_OFFICER);
    return checkpoints
        .checkpoint()
        .map(created -> ResponseEntity.status(HttpStatus.CREATED).body(created))
        .orElseGet(() -> ResponseEntity.noContent().build());
  }

  /** The refusal to sign a broken chain: 409, naming the first entry that fails. */
  @ExceptionHandler(LedgerIntegrityFailed.class)
  ProblemDetail integrityFailed(LedgerIntegrityFailed e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setType(URI.create("https://keyflow.io/problems/ledger-integrity-failed"));
    problem.setTitle("Ledger integrity failed");
    problem.setProperty("firstInvalidSequence", e.firstInvalidSequence());
    problem.setProperty("reason", e.verdict().reason());
    return problem;
  }

  @GetMapping("/checkpoints")
  List<LedgerCheckpoint> checkpoints() {
    accessGuard.require(Role.SECURITY_OFFICER, Role.AUDITOR);
    return checkpoints.all();
  }

  /** The audit signing key's public key, to verify checkpoints outside Keyflow. */
  @GetMapping(value = "/checkpoints/public-key", produces = "application/x-pem-file")
  String publicKey() {
    accessGuard.require(Role.SECURITY_OFFICER, Role.AUDITOR);
    String body =
        java.util.Base64.getMimeEncoder(
                64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(checkpoints.publicKey().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  @GetMapping
  EntriesPage entries(
      @RequestParam(required = false) String alias,
      @RequestParam(required = false) String processInstanceId,
      @RequestParam(defaultValue = "1") @Min(1) long fromSeq,
      @RequestParam(defaultValue = "100") @Min(1) @Max(LedgerQuery.MAX_LIMIT) int limit) {
    accessGuard.require(Role.SECURITY_OFFICER, Role.AUDITOR, Role.SECURITY_ENGINEERING);
    List<LedgerEntry> entries =
        ledger.entries(new LedgerQuery(alias, processInstanceId, fromSeq, limit));
    Long next = entries.size() < limit ? null : entries.get(entries.size() - 1).seq() + 1;
    return new EntriesPage(entries.stream().map(EntryView::of).toList(), next);
  }

  /** The verdict; every member is always present, null included. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record VerificationView(
      boolean valid,
      long entries,
      Long firstInvalidSequence,
      String reason,
      CheckpointVerification checkpoints) {}

  /** A page of entries; {@code nextFromSeq} is the {@code fromSeq} of the next page, if any. */
  record EntriesPage(List<EntryView> entries, Long nextFromSeq) {}

  /** An entry as stored; {@code details} is the stored JSON, embedded as JSON. */
  record EntryView(
      long seq,
      String recordedAt,
      String actor,
      String action,
      String keyId,
      String keyAlias,
      String versionId,
      Integer versionNumber,
      String processInstanceId,
      @JsonRawValue String details,
      String prevHash,
      String hash) {

    static EntryView of(LedgerEntry e) {
      return new EntryView(
          e.seq(),
          CanonicalForm.formatTime(e.recordedAt()),
          e.actor(),
          e.action(),
          e.keyId(),
          e.keyAlias(),
          e.versionId(),
          e.versionNumber(),
          e.processInstanceId(),
          e.detailsJson(),
          e.prevHash(),
          e.hash());
    }
  }
}
