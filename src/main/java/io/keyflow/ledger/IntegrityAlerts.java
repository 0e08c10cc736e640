package io.keyflow.ledger;

import io.keyflow.ledger.details.ChainIntegrityFailed;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records that a checkpoint was refused because the chain did not verify: an error in the log and a
 * {@code LEDGER_INTEGRITY_FAILED} ledger entry naming the first bad sequence, once per damage.
 */
final class IntegrityAlerts {

  /** Who appends the {@code LEDGER_INTEGRITY_FAILED} alert. */
  static final String ACTOR = "system:ledger-checkpoint";

  private static final Logger log = LoggerFactory.getLogger(IntegrityAlerts.class);

  private final Ledger ledger;
  private final TransactionTemplate writeAlert;

  IntegrityAlerts(Ledger ledger, PlatformTransactionManager tx) {
    this.ledger = ledger;
    this.writeAlert = new TransactionTemplate(tx);
    writeAlert.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Appends the alert in its own transaction, so it survives the refusal. Appending only needs the
   * head row: it works on a broken chain, and the verifier goes on naming the first bad entry.
   */
  void record(LedgerVerification verdict, LedgerHead head, LedgerCheckpoint previous) {
    if (alreadyAlerted(verdict, head)) {
      // A retried job or a repeated request finds the same damage: one alert says it.
      log.error(
          "LEDGER_INTEGRITY_FAILED (already recorded at seq {}): {}",
          head.lastSeq(),
          verdict.reason());
      return;
    }
    log.error(
        "LEDGER_INTEGRITY_FAILED: entry {}: {}", verdict.firstInvalidSequence(), verdict.reason());
    try {
      writeAlert.executeWithoutResult(
          status ->
              ledger.append(
                  LedgerEvent.builder(LedgerAction.LEDGER_INTEGRITY_FAILED, ACTOR)
                      .details(
                          new ChainIntegrityFailed(
                              verdict.firstInvalidSequence(),
                              verdict.reason(),
                              head.lastSeq(),
                              previous == null ? null : previous.seq()))
                      .build()));
    } catch (RuntimeException e) {
      // Without the head row nothing can be appended; the log and the refusal still carry it.
      log.error("LEDGER_INTEGRITY_FAILED could not be recorded in the ledger: {}", e.getMessage());
    }
  }

  /** Whether the newest entry is already this alert, for the same first bad sequence. */
  private boolean alreadyAlerted(LedgerVerification verdict, LedgerHead head) {
    List<LedgerEntry> newest = ledger.entries(LedgerQuery.all(1).from(head.lastSeq()));
    if (newest.isEmpty() || !newest.get(0).is(LedgerAction.LEDGER_INTEGRITY_FAILED)) {
      return false;
    }
    try {
      ChainIntegrityFailed recorded = newest.get(0).details(ChainIntegrityFailed.class);
      return Objects.equals(recorded.firstInvalidSequence(), verdict.firstInvalidSequence());
    } catch (IllegalStateException unreadable) {
      return false;
    }
  }
}
