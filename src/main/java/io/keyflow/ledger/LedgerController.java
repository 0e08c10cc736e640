package io.keyflow.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ledger verification for officers and auditors; read access to the entries. */
@RestController
@RequestMapping("/api/ledger")
class LedgerController {

  private final Ledger ledger;
  private final AccessGuard accessGuard;

  LedgerController(Ledger ledger, AccessGuard accessGuard) {
    this.ledger = ledger;
    this.accessGuard = accessGuard;
  }

  @GetMapping("/verify")
  VerificationView verify() {
    accessGuard.require(Role.SECURITY_OFFICER, Role.AUDITOR);
    LedgerVerification result = ledger.verify();
    return new VerificationView(
        result.valid(), result.entries(), result.firstInvalidSequence(), result.reason());
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
      boolean valid, long entries, Long firstInvalidSequence, String reason) {}

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
