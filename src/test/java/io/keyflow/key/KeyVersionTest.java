package io.keyflow.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.hsm.Provenance;
import io.keyflow.shared.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyVersionTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static KeyVersion active() {
    UUID id = UUID.randomUUID();
    return KeyVersion.activated(
        id,
        UUID.randomUUID(),
        1,
        "software",
        "keyflow/k/v1",
        "abcdef",
        new Provenance(true, true, true, false, true, "CKM_AES_KEY_GEN"),
        T0,
        Duration.ofDays(365),
        "alice",
        "bob",
        "pi-1");
  }

  @Test
  void aNewVersionIsActiveUntilItsProtectStop() {
    KeyVersion version = active();
    assertThat(version.state()).isEqualTo(KeyState.ACTIVE);
    assertThat(version.protectStopAt()).isEqualTo(T0.plus(Duration.ofDays(365)));
    assertThat(version.protectStopWithin(T0.plus(Duration.ofDays(334)), Duration.ofDays(30)))
        .isFalse();
    assertThat(version.protectStopWithin(T0.plus(Duration.ofDays(336)), Duration.ofDays(30)))
        .isTrue();
  }

  @Test
  void refusesToDestroyAnActiveVersionAndSaysWhy() {
    assertThatThrownBy(() -> active().destroy(T0.plus(Duration.ofDays(5000))))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("ACTIVE and cannot be destroyed")
        .hasMessageContaining("rotate");
  }

  @Test
  void deactivatedVersionIsRetainedThenDestroyedAsTombstone() {
    KeyVersion deactivated =
        active().deactivate(T0.plus(Duration.ofDays(365)), Duration.ofDays(30));
    assertThat(deactivated.state()).isEqualTo(KeyState.DEACTIVATED);
    assertThat(deactivated.retainUntil()).isEqualTo(T0.plus(Duration.ofDays(395)));
    assertThat(deactivated.state().mayProcess()).isTrue();
    assertThat(deactivated.state().mayProtect()).isFalse();

    assertThatThrownBy(() -> deactivated.destroy(T0.plus(Duration.ofDays(394))))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("retained until");

    KeyVersion destroyed = deactivated.destroy(T0.plus(Duration.ofDays(395)));
    assertThat(destroyed.state()).isEqualTo(KeyState.DESTROYED);
    assertThat(destroyed.destroyedAt()).isEqualTo(T0.plus(Duration.ofDays(395)));
    assertThat(destroyed.kcv()).isEqualTo("abcdef");
    assertThat(destroyed.provenance()).isEqualTo(deactivated.provenance());
  }

  @Test
  void thereIsNoWayBack() {
    KeyVersion destroyed =
        active().deactivate(T0, Duration.ofDays(1)).destroy(T0.plus(Duration.ofDays(2)));
    assertThatThrownBy(() -> destroyed.deactivate(T0, Duration.ofDays(1)))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("never moves from DESTROYED to DEACTIVATED");
    assertThatThrownBy(() -> destroyed.destroy(T0.plus(Duration.ofDays(3))))
        .isInstanceOf(Refusal.class);
  }

  @Test
  void compromiseBlocksUseAndLeadsToDestroyedCompromised() {
    KeyVersion compromised = active().markCompromised(T0.plus(Duration.ofDays(10)));
    assertThat(compromised.state()).isEqualTo(KeyState.COMPROMISED);
    assertThat(compromised.state().mayProtect()).isFalse();
    assertThat(compromised.state().mayProcess()).isFalse();
    assertThat(compromised.destroy(T0.plus(Duration.ofDays(11))).state())
        .isEqualTo(KeyState.DESTROYED_COMPROMISED);
  }

  @Test
  void aDismissedReportGivesBackTheStateTheVersionHadAndClearsTheCompromiseDate() {
    KeyVersion deactivated = active().deactivate(T0, Duration.ofDays(30));
    KeyVersion compromised = deactivated.markCompromised(T0.plus(Duration.ofDays(1)));
    KeyVersion restored = compromised.restoreAfterDismissedReport(KeyState.DEACTIVATED);
    assertThat(restored.state()).isEqualTo(KeyState.DEACTIVATED);
    assertThat(restored.compromisedAt()).isNull();
    assertThat(restored.retainUntil()).isEqualTo(deactivated.retainUntil());
  }

  @Test
  void onlyACompromisedVersionCanBeRestoredAndOnlyToALiveState() {
    assertThatThrownBy(() -> active().restoreAfterDismissedReport(KeyState.ACTIVE))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("it is ACTIVE, not COMPROMISED, so there is nothing to restore");
    KeyVersion compromised = active().markCompromised(T0.plus(Duration.ofDays(1)));
    assertThatThrownBy(() -> compromised.restoreAfterDismissedReport(KeyState.DESTROYED))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("the version stays COMPROMISED");
    KeyVersion destroyed = compromised.destroy(T0.plus(Duration.ofDays(2)));
    assertThatThrownBy(() -> destroyed.restoreAfterDismissedReport(KeyState.ACTIVE))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("it is DESTROYED_COMPROMISED, not COMPROMISED");
  }

  @Test
  void everyStateOnlyMovesForward() {
    for (KeyState state : KeyState.values()) {
      assertThat(state.successors()).doesNotContain(state);
      for (KeyState next : state.successors()) {
        assertThat(next.successors()).as(state + " -> " + next + " -> back").doesNotContain(state);
      }
    }
    assertThat(KeyState.ACTIVE.successors()).doesNotContain(KeyState.DESTROYED);
  }
}
