package io.keyflow.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.hsm.Provenance;
import io.keyflow.shared.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyVersionUsageTest {

  static final Instant ACTIVATED = Instant.parse("2025-01-01T10:00:00Z");
  static final Instant ROTATED = Instant.parse("2025-12-01T10:00:00Z");
  static final Instant LATER = Instant.parse("2026-01-15T08:30:00.123Z");

  static KeyVersion active() {
    return KeyVersion.activated(
        UUID.randomUUID(),
        UUID.randomUUID(),
        2,
        "mock",
        "keyflow/payments-db/v2",
        "a1b2c3",
        new Provenance(true, true, true, false, true, "CKM_AES_KEY_GEN"),
        ACTIVATED,
        Duration.ofDays(365),
        "alice",
        "bob",
        null);
  }

  static KeyVersion deactivated() {
    return active().deactivate(ROTATED, Duration.ofDays(30));
  }

  @ParameterizedTest
  @EnumSource(KeyOperation.class)
  void anActiveVersionMayDoEverything(KeyOperation operation) {
    assertThatCode(() -> active().requireUsableFor(operation, "payments-db"))
        .doesNotThrowAnyException();
  }

  @Test
  void aDeactivatedVersionStillDecryptsAndUnwrapsButNeverEncryptsWrapsOrSigns() {
    KeyVersion v = deactivated();
    assertThatCode(() -> v.requireUsableFor(KeyOperation.DECRYPT, "payments-db"))
        .doesNotThrowAnyException();
    assertThatCode(() -> v.requireUsableFor(KeyOperation.UNWRAP, "payments-db"))
        .doesNotThrowAnyException();
    for (KeyOperation protect :
        new KeyOperation[] {KeyOperation.ENCRYPT, KeyOperation.WRAP, KeyOperation.SIGN}) {
      assertThatThrownBy(() -> v.requireUsableFor(protect, "payments-db"))
          .isInstanceOfSatisfying(
              Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.VERSION_NOT_USABLE))
          .hasMessageStartingWith(
              "Version 2 of key 'payments-db' was deactivated on 2025-12-01T10:00:00Z when the key was rotated;"
                  + " it may still decrypt until 2025-12-31T10:00:00Z but can no longer "
                  + protect.verb());
    }
  }

  @Test
  void aDestroyedVersionCanNoLongerDecryptAndTheRefusalSaysWhen() {
    KeyVersion destroyed = deactivated().destroy(LATER);
    assertThatThrownBy(() -> destroyed.requireUsableFor(KeyOperation.DECRYPT, "payments-db"))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.VERSION_NOT_USABLE))
        .hasMessage(
            "Version 2 of key 'payments-db' was destroyed on 2026-01-15T08:30:00Z and can no longer decrypt");
  }

  @Test
  void compromisedVersionsAndCompromisedDestroyedVersionsAreRefused() {
    KeyVersion compromised = active().markCompromised(LATER);
    assertThatThrownBy(() -> compromised.requireUsableFor(KeyOperation.DECRYPT, "k"))
        .hasMessage(
            "Version 2 of key 'k' was reported compromised on 2026-01-15T08:30:00Z and can no longer decrypt");
    assertThatThrownBy(() -> compromised.requireUsableFor(KeyOperation.ENCRYPT, "k"))
        .hasMessage(
            "Version 2 of key 'k' was reported compromised on 2026-01-15T08:30:00Z and can no longer encrypt:"
                + " use the key's replacement version once the emergency rotation has made one");
    KeyVersion gone = compromised.destroy(LATER.plusSeconds(60));
    assertThatThrownBy(() -> gone.requireUsableFor(KeyOperation.UNWRAP, "k"))
        .hasMessage(
            "Version 2 of key 'k' was compromised and destroyed on 2026-01-15T08:31:00Z and can no longer unwrap keys");
  }

  @Test
  void aVersionNotYetActiveCannotBeUsed() {
    KeyVersion a = active();
    KeyVersion preActive =
        new KeyVersion(
            a.id(),
            a.keyId(),
            3,
            KeyState.PRE_ACTIVE,
            a.vaultBackend(),
            a.hsmLabel(),
            a.hsmKeyId(),
            a.kcv(),
            a.provenance(),
            ACTIVATED,
            null,
            null,
            null,
            null,
            null,
            null,
            "alice",
            "bob",
            null);
    assertThatThrownBy(() -> preActive.requireUsableFor(KeyOperation.DECRYPT, "k"))
        .hasMessage("Version 3 of key 'k' is not active yet and cannot decrypt");
  }

  @Test
  void ageCountsWholeDaysSinceActivation() {
    assertThat(active().ageInDays(ACTIVATED.plus(Duration.ofDays(200)).minusSeconds(1)))
        .isEqualTo(199);
    assertThat(active().ageInDays(ACTIVATED.plus(Duration.ofDays(200)))).isEqualTo(200);
    assertThat(active().ageInDays(ACTIVATED.minusSeconds(5))).isZero();
  }

  @Test
  void protectStopWithinTheLeadTimeMarksAVersionDueForRotation() {
    KeyVersion v = active();
    Instant protectStop = v.protectStopAt();
    assertThat(v.protectStopWithin(protectStop.minus(Duration.ofDays(31)), Duration.ofDays(30)))
        .isFalse();
    assertThat(v.protectStopWithin(protectStop.minus(Duration.ofDays(30)), Duration.ofDays(30)))
        .isTrue();
    assertThat(deactivated().protectStopWithin(protectStop, Duration.ofDays(30))).isFalse();
  }
}
