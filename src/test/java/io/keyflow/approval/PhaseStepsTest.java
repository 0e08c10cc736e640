package io.keyflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyRotationRefused;
import io.keyflow.ledger.details.KeyRotationRequested;
import io.keyflow.shared.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The steps every phase shares: a request is checked and recorded, or refused and recorded, and
 * rethrown; the step after an approval gets the request entry and the approvals the ledger shows,
 * or nothing is done.
 */
class PhaseStepsTest {

  private static final String INSTANCE = "instance-7";

  private final Ledger ledger = mock(Ledger.class);
  private final ApprovalGuard guard =
      new ApprovalGuard(
          ledger, mock(CampaignEntries.class), mock(PlatformTransactionManager.class));
  private final PhaseSteps steps = new PhaseSteps(ledger, guard);
  private final List<LedgerEntry> entries = new ArrayList<>();

  @Test
  void anAcceptedRequestIsRecordedAsThePhasesRequestEntry() {
    String accepted =
        steps.request(
            ApprovalPhase.ROTATION,
            new Requester("alice", INSTANCE),
            "payments",
            requester -> "checked for " + requester,
            request ->
                steps
                    .requested(ApprovalPhase.ROTATION, new Requester("alice", INSTANCE))
                    .key(UUID.randomUUID(), "payments")
                    .details(requested())
                    .build(),
            refusal -> new KeyRotationRefused(refusal.getMessage(), null));

    assertThat(accepted).isEqualTo("checked for alice");
    LedgerEvent written = appended();
    assertThat(written.action()).isEqualTo(LedgerAction.KEY_ROTATION_REQUESTED);
    assertThat(written.actor()).isEqualTo("alice");
    assertThat(written.processInstanceId()).isEqualTo(INSTANCE);
  }

  @Test
  void aRefusedRequestIsRecordedWithItsReasonAndRethrown() {
    assertThatThrownBy(
            () ->
                steps.request(
                    ApprovalPhase.ROTATION,
                    new Requester("alice", INSTANCE),
                    "payments",
                    requester -> {
                      throw new Refusal(Refusal.Kind.NOT_FOUND, "No key with alias 'payments'");
                    },
                    request -> null,
                    refusal -> new KeyRotationRefused(refusal.getMessage(), null)))
        .isInstanceOf(Refusal.class)
        .hasMessage("No key with alias 'payments'");

    LedgerEvent written = appended();
    assertThat(written.action()).isEqualTo(LedgerAction.KEY_ROTATION_REFUSED);
    assertThat(written.actor()).isEqualTo("alice");
    assertThat(written.keyAlias()).isEqualTo("payments");
    assertThat(written.processInstanceId()).isEqualTo(INSTANCE);
    assertThat(((KeyRotationRefused) written.details()).reason())
        .isEqualTo("No key with alias 'payments'");
  }

  @Test
  void aRequestNobodyAuthenticatedIsRefusedAsAnonymousBeforeAnyCheck() {
    AtomicBoolean checked = new AtomicBoolean();
    assertThatThrownBy(
            () ->
                steps.request(
                    ApprovalPhase.ROTATION,
                    new Requester(null, INSTANCE),
                    null,
                    requester -> {
                      checked.set(true);
                      return requester;
                    },
                    request -> null,
                    refusal -> new KeyRotationRefused(refusal.getMessage(), null)))
        .isInstanceOf(Refusal.class)
        .hasMessage("The request has no authenticated requester");

    assertThat(checked).isFalse();
    assertThat(appended().actor()).isEqualTo(Requester.ANONYMOUS);
  }

  @Test
  void theStepAfterAnApprovalGetsTheRequestAndTheOtherOfficersApprovals() {
    entry("alice", LedgerAction.KEY_ROTATION_REQUESTED);
    entry("alice", LedgerAction.KEY_ROTATION_APPROVED);
    entry("bob", LedgerAction.KEY_ROTATION_APPROVED);
    entry("bob", LedgerAction.KEY_ROTATION_APPROVED);

    Approved approved = steps.approved(ApprovalPhase.ROTATION, INSTANCE, 1, "rotate");

    assertThat(approved.requestedBy()).isEqualTo("alice");
    assertThat(approved.requestSeq()).isEqualTo(1);
    assertThat(approved.approvers())
        .as("the requester's own approval never counts")
        .containsExactly("bob");
    assertThat(approved.approvalSeqs()).containsExactly(3L, 4L);
    assertThat(approved.approvedBy()).isEqualTo("bob");
  }

  @Test
  void withoutTheApprovalsTheStepIsRefusedAndNothingIsReturned() {
    entry("alice", LedgerAction.KEY_ROTATION_REQUESTED);
    entry("alice", LedgerAction.KEY_ROTATION_APPROVED);

    assertThatThrownBy(() -> steps.approved(ApprovalPhase.ROTATION, INSTANCE, 1, "rotate"))
        .isInstanceOf(ApprovalMissing.class)
        .hasMessageContaining("Refused to rotate")
        .hasMessageContaining("0 of the 1 approval(s)");
  }

  private static KeyRotationRequested requested() {
    return new KeyRotationRequested(
        "due",
        Instant.parse("2027-01-01T00:00:00Z"),
        300L,
        UUID.randomUUID().toString(),
        2,
        365L,
        1095L,
        List.of());
  }

  private LedgerEvent appended() {
    ArgumentCaptor<LedgerEvent> event = ArgumentCaptor.forClass(LedgerEvent.class);
    verify(ledger).append(event.capture());
    return event.getValue();
  }

  private void entry(String actor, LedgerAction action) {
    entries.add(
        new LedgerEntry(
            entries.size() + 1,
            Instant.parse("2026-03-01T09:00:00Z"),
            actor,
            action.name(),
            UUID.randomUUID().toString(),
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
