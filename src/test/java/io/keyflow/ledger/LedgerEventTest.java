package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerEventTest {

  @Test
  void builderCollectsEveryPartOfTheEvent() {
    UUID keyId = UUID.randomUUID();
    UUID versionId = UUID.randomUUID();
    LedgerEvent event =
        LedgerEvent.builder(LedgerAction.KEY_ROTATED, "officer-1")
            .key(keyId, "payments-dek")
            .version(versionId, 2)
            .processInstance("pi-1")
            .detail("previousVersion", 1)
            .detail("retainUntil", Instant.parse("2028-01-01T00:00:00Z"))
            .detail("purpose", LedgerAction.KEY_ROTATED)
            .build();

    assertThat(event.keyId()).isEqualTo(keyId);
    assertThat(event.versionNumber()).isEqualTo(2);
    assertThat(event.processInstanceId()).isEqualTo("pi-1");
    assertThat(event.details())
        .containsEntry("previousVersion", 1)
        .containsEntry("retainUntil", "2028-01-01T00:00:00Z")
        .containsEntry("purpose", "KEY_ROTATED");
  }

  @Test
  void detailsAreCopiedSoLaterChangesToTheCallersMapDoNotLeakIn() {
    Map<String, Object> details = new HashMap<>();
    details.put("kcv", "A1B2C3");
    LedgerEvent event =
        new LedgerEvent("alice", LedgerAction.KEY_GENERATED, null, null, null, null, null, details);
    details.put("kcv", "FFFFFF");

    assertThat(event.details()).containsEntry("kcv", "A1B2C3");
    assertThatThrownBy(() -> event.details().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
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
}
