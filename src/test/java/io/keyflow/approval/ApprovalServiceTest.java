package io.keyflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The four-eyes check and the approval guards read who asked and who approved from the instance's
 * ledger entries, by each phase's request and approval actions: a rejection, a dismissal or a
 * report is never counted as an approval.
 */
class ApprovalServiceTest {

  private static final String INSTANCE = "instance-1";

  private final Ledger ledger = mock(Ledger.class);
  private final ApprovalService approvals = new ApprovalService(ledger);
  private final List<LedgerEntry> entries = new ArrayList<>();

  @Test
  void theApproversSoFarAreTheOfficersWhoseApprovalsTheLedgerHoldsInOrder() {
    entry("alice", LedgerAction.KEY_DESTRUCTION_REQUESTED);
    entry("bob", LedgerAction.KEY_DESTRUCTION_APPROVED);
    entry("dave", LedgerAction.KEY_DESTRUCTION_REJECTED);
    entry("carol", LedgerAction.KEY_COMPROMISE_DISMISSED);
    entry("erin", LedgerAction.KEY_COMPROMISE_CONFIRMED);
    entry("frank", LedgerAction.DESTRUCTION_CAMPAIGN_APPROVED);

    assertThat(approvals.approversSoFar(INSTANCE)).containsExactly("bob", "erin", "frank");
  }

  @Test
  void theRequesterIsWhoWroteTheRequestEntryAndACompromiseReporterCounts() {
    entry("app", LedgerAction.KEY_COMPROMISE_REPORTED);
    entry("system:compromise", LedgerAction.KEY_COMPROMISED);
    entry("bob", LedgerAction.KEY_COMPROMISE_CONFIRMED);

    assertThat(approvals.requesterOf(INSTANCE)).contains("app");
  }

  @Test
  void anInstanceWithoutARequestEntryHasNoRequesterAndNoApprovers() {
    entry("system:compromise", LedgerAction.KEY_COMPROMISED);

    assertThat(approvals.requesterOf(INSTANCE)).isEmpty();
    assertThat(approvals.approversSoFar(INSTANCE)).isEmpty();
  }

  private void entry(String actor, LedgerAction action) {
    entries.add(
        new LedgerEntry(
            entries.size() + 1,
            Instant.parse("2026-03-01T09:00:00Z"),
            actor,
            action.name(),
            null,
            "payments",
            null,
            null,
            INSTANCE,
            "{}",
            "0".repeat(64),
            "0".repeat(64)));
    when(ledger.entriesForProcessInstance(INSTANCE)).thenReturn(List.copyOf(entries));
  }
}
