package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.ledger.details.KeyCompromiseOwnerAcknowledged;
import io.keyflow.ledger.details.KeyDecryptExceptionExpired;
import io.keyflow.ledger.details.KeyRotated;
import io.keyflow.ledger.details.OfficerDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerEventTest {

  private static final String OLD = "00000000-0000-4000-8000-000000000001";
  private static final String NEW = "00000000-0000-4000-8000-000000000002";

  @Test
  void builderCollectsEveryPartOfTheEvent() {
    UUID keyId = UUID.randomUUID();
    KeyRotated rotated = rotated(new ArrayList<>(List.of("bob")));
    LedgerEvent event =
        LedgerEvent.builder(LedgerAction.KEY_ROTATED, "officer-1")
            .key(keyId, "payments-dek")
            .version(UUID.fromString(NEW), 2)
            .processInstance("pi-1")
            .details(rotated)
            .build();

    assertThat(event.keyId()).isEqualTo(keyId);
    assertThat(event.versionNumber()).isEqualTo(2);
    assertThat(event.processInstanceId()).isEqualTo("pi-1");
    assertThat(event.details()).isEqualTo(rotated);
  }

  @Test
  void detailsAreWrittenUnderTheirComponentNamesSortedWithNullsLeftOut() {
    LedgerEvent event =
        LedgerEvent.builder(LedgerAction.KEY_ROTATED, "officer-1")
            .details(rotated(List.of("bob", "carol")))
            .build();

    assertThat(event.detailsJson())
        .isEqualTo(
            "{\"approvedBy\":[\"bob\",\"carol\"],\"newVersion\":2,\"newVersionId\":\""
                + NEW
                + "\",\"oldRetainUntil\":\"2028-01-01T00:00:00Z\",\"oldVersion\":1,"
                + "\"oldVersionId\":\""
                + OLD
                + "\",\"protectStop\":\"2027-06-01T12:00:00.123456789Z\"}");
  }

  @Test
  void anActionThatRecordsNothingMoreHasEmptyDetails() {
    LedgerEvent event =
        LedgerEvent.builder(LedgerAction.KEY_DECRYPT_EXCEPTION_EXPIRED, "system:decrypt-exception")
            .details(new KeyDecryptExceptionExpired())
            .build();

    assertThat(event.detailsJson()).isEqualTo("{}");
  }

  @Test
  void detailsAreCopiedSoLaterChangesToTheCallersListDoNotLeakIn() {
    List<String> approvers = new ArrayList<>(List.of("bob"));
    LedgerEvent event =
        LedgerEvent.builder(LedgerAction.KEY_ROTATED, "officer-1")
            .details(rotated(approvers))
            .build();
    approvers.add("mallory");

    assertThat(((KeyRotated) event.details()).approvedBy()).containsExactly("bob");
    assertThat(event.detailsJson()).contains("\"approvedBy\":[\"bob\"]");
  }

  @Test
  void refusesDetailsOfAnotherTypeThanTheActionRecords() {
    assertThatThrownBy(
            () ->
                LedgerEvent.builder(LedgerAction.KEY_GENERATED, "alice")
                    .details(rotated(List.of()))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("KEY_GENERATED records KeyGenerated details, not KeyRotated");
    assertThatThrownBy(
            () ->
                LedgerEvent.builder(LedgerAction.KEY_ROTATION_APPROVED, "bob")
                    .details(new KeyCompromiseOwnerAcknowledged("bob"))
                    .build())
        .hasMessageContaining("records OfficerDecision details");
  }

  @Test
  void refusesAnEventWithoutItsDetails() {
    assertThatThrownBy(() -> LedgerEvent.builder(LedgerAction.KEY_GENERATED, "alice").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A KEY_GENERATED event needs its details: KeyGenerated");
  }

  @Test
  void everyDecisionActionTakesTheSameDecisionRecord() {
    OfficerDecision decision = OfficerDecision.of("Approve", "alice", List.of("bob"), null);
    for (LedgerAction action : LedgerAction.values()) {
      if (action.isDecision()) {
        assertThat(LedgerEvent.builder(action, "bob").details(decision).build().details())
            .as(action.name())
            .isEqualTo(decision);
      }
    }
  }

  @Test
  void refusesAnEventWithoutActorOrAction() {
    assertThatThrownBy(() -> LedgerEvent.builder(LedgerAction.KEY_GENERATED, " ").build())
        .hasMessageContaining("needs an actor");
    assertThatThrownBy(() -> LedgerEvent.builder(null, "alice").build())
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void refusesValuesLongerThanTheirColumns() {
    assertThatThrownBy(
            () -> LedgerEvent.builder(LedgerAction.KEY_GENERATED, "a".repeat(129)).build())
        .hasMessageContaining("actor is longer than 128");
  }

  private static KeyRotated rotated(List<String> approvers) {
    return new KeyRotated(
        OLD,
        1,
        NEW,
        2,
        null,
        null,
        null,
        Instant.parse("2027-06-01T12:00:00.123456789Z"),
        null,
        Instant.parse("2028-01-01T00:00:00Z"),
        null,
        approvers,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
