package io.keyflow.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.distribution.internal.DistributionRules;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.Provenance;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.recipient.Recipient;
import io.keyflow.recipient.RecipientState;
import io.keyflow.shared.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistributionRulesTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final KeyPolicy WRAPPING = KeyPolicy.defaults(KeyPurpose.KEY_WRAPPING);

  private static ManagedKey aes(Environment environment, boolean exportable, UUID primary) {
    return new ManagedKey(
        UUID.randomUUID(),
        "payments-db",
        KeyPurpose.DATA_AT_REST,
        KeyAlgorithm.AES_256,
        "alice",
        exportable,
        Duration.ofDays(365),
        Duration.ofDays(1095),
        "why",
        primary,
        NOW,
        environment);
  }

  private static KeyVersion version(UUID keyId, KeyState state, boolean extractable) {
    UUID id = UUID.randomUUID();
    return new KeyVersion(
        id,
        keyId,
        1,
        state,
        "mock",
        "keyflow/payments-db/v1",
        id,
        "a1b2c3",
        new Provenance(true, true, true, extractable, !extractable, "CKM_AES_KEY_GEN"),
        NOW,
        NOW,
        NOW.plus(Duration.ofDays(365)),
        null,
        null,
        null,
        null,
        "alice",
        "bob",
        "pi");
  }

  private static Recipient recipient(
      Environment environment, Integer rsaBits, String kekAlias, RecipientState state) {
    return new Recipient(
        UUID.randomUUID(),
        "payments-app",
        environment,
        "pem",
        "f".repeat(64),
        "CN=x",
        NOW,
        NOW.plus(Duration.ofDays(365)),
        rsaBits == null ? null : "pem",
        rsaBits,
        rsaBits == null ? null : "e".repeat(64),
        kekAlias,
        state,
        NOW,
        "bob",
        null,
        null,
        state == RecipientState.REVOKED ? NOW : null,
        null,
        null,
        null,
        "carol",
        null);
  }

  @Test
  void theActivePrimaryVersionOfAnExportableKeyPasses() {
    UUID versionId = UUID.randomUUID();
    ManagedKey key = aes(Environment.PRODUCTION, true, versionId);
    KeyVersion version = version(key.id(), KeyState.ACTIVE, true);
    KeyVersion primary =
        new KeyVersion(
            versionId,
            key.id(),
            1,
            KeyState.ACTIVE,
            "mock",
            "l",
            versionId,
            "a1b2c3",
            version.provenance(),
            NOW,
            NOW,
            NOW,
            null,
            null,
            null,
            null,
            "alice",
            "bob",
            "pi");
    assertThatCode(
            () -> {
              DistributionRules.checkVersion(key, primary);
              DistributionRules.checkExportable(
                  key, primary, KeyPolicy.defaults(KeyPurpose.DATA_AT_REST));
              DistributionRules.checkRecipient(
                  key, recipient(Environment.PRODUCTION, 3072, null, RecipientState.ACTIVE));
            })
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> DistributionRules.checkVersion(key, version))
        .hasMessageContaining("is not its primary version");
  }

  @ParameterizedTest
  @CsvSource({"DEACTIVATED", "DESTROYED", "COMPROMISED", "PRE_ACTIVE"})
  void onlyActiveVersionsAreDistributed(KeyState state) {
    ManagedKey key = aes(Environment.PRODUCTION, true, null);
    KeyVersion version = version(key.id(), state, true);
    assertThatThrownBy(() -> DistributionRules.checkVersion(key, version))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("is " + state + ": only the ACTIVE primary version");
  }

  @Test
  void nonExportableKeysAndPurposesNeverLeave() {
    ManagedKey kept = aes(Environment.PRODUCTION, false, null);
    assertThatThrownBy(
            () ->
                DistributionRules.checkExportable(
                    kept,
                    version(kept.id(), KeyState.ACTIVE, false),
                    KeyPolicy.defaults(KeyPurpose.DATA_AT_REST)))
        .hasMessageContaining("was generated non-exportable");
    ManagedKey exportable = aes(Environment.PRODUCTION, true, null);
    assertThatThrownBy(
            () ->
                DistributionRules.checkExportable(
                    exportable,
                    version(exportable.id(), KeyState.ACTIVE, true),
                    KeyPolicy.defaults(KeyPurpose.SIGNING)))
        .hasMessageContaining("SIGNING keys are never exported");
  }

  @Test
  void aProductionKeyNeverGoesToATestRecipientNorATestKeyToProduction() {
    assertThatThrownBy(
            () ->
                DistributionRules.checkRecipient(
                    aes(Environment.PRODUCTION, true, null),
                    recipient(Environment.TEST, 3072, null, RecipientState.ACTIVE)))
        .hasMessageContaining("is a PRODUCTION key and is never distributed to the TEST recipient");
    assertThatThrownBy(
            () ->
                DistributionRules.checkRecipient(
                    aes(Environment.TEST, true, null),
                    recipient(Environment.PRODUCTION, 3072, null, RecipientState.ACTIVE)))
        .hasMessageContaining("is a TEST key");
  }

  @Test
  void aSystemRegisteredForTheCryptoApiOnlyIsRefusedClearly() {
    ManagedKey key = aes(Environment.PRODUCTION, true, null);
    assertThatThrownBy(
            () ->
                DistributionRules.checkRecipient(
                    key, recipient(Environment.PRODUCTION, null, null, RecipientState.ACTIVE)))
        .hasMessageContaining("has no wrapping key (it was registered for the crypto API only)");
    assertThatThrownBy(() -> DistributionRules.checkRecipient(key, withoutCertificate(3072)))
        .hasMessageContaining("has no live client certificate to pick a package up with");
    assertThatCode(
            () ->
                DistributionRules.checkRecipient(
                    key, recipient(Environment.PRODUCTION, 3072, null, RecipientState.ACTIVE)))
        .doesNotThrowAnyException();
  }

  /** A system whose last certificate was removed, or that was registered without one. */
  private static Recipient withoutCertificate(Integer rsaBits) {
    Recipient r = recipient(Environment.PRODUCTION, rsaBits, null, RecipientState.ACTIVE);
    return new Recipient(
        r.id(),
        r.name(),
        r.environment(),
        null,
        null,
        null,
        null,
        null,
        r.wrappingKeyPem(),
        r.wrappingKeyBits(),
        r.wrappingKeySha256(),
        r.kekAlias(),
        r.state(),
        r.registeredAt(),
        r.registeredBy(),
        null,
        null,
        null,
        null,
        null,
        null,
        r.owner(),
        r.description());
  }

  @Test
  void aRevokedRecipientReceivesNothing() {
    assertThatThrownBy(
            () ->
                DistributionRules.checkRecipient(
                    aes(Environment.PRODUCTION, true, null),
                    recipient(Environment.PRODUCTION, 3072, null, RecipientState.REVOKED)))
        .hasMessageContaining("was revoked");
  }

  @Test
  void byDefaultRsa3072MayCarryAes256BecauseTheWrappingPolicyAllowsIt() {
    ManagedKey key = aes(Environment.PRODUCTION, true, null);
    assertThatCode(
            () ->
                DistributionRules.checkStrength(
                    key,
                    recipient(Environment.PRODUCTION, 3072, null, RecipientState.ACTIVE),
                    WRAPPING,
                    false))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                DistributionRules.checkStrength(
                    key,
                    recipient(Environment.PRODUCTION, null, "kek", RecipientState.ACTIVE),
                    WRAPPING,
                    false))
        .doesNotThrowAnyException();
  }

  @Test
  void byDefaultAWrappingPolicyNarrowedToRsa4096RefusesRsa3072() {
    KeyPolicy only4096 =
        new KeyPolicy(
            KeyPurpose.KEY_WRAPPING,
            Set.of(KeyAlgorithm.RSA_4096, KeyAlgorithm.AES_256),
            WRAPPING.encryptPeriod(),
            WRAPPING.retention(),
            false);
    ManagedKey key = aes(Environment.PRODUCTION, true, null);
    assertThatThrownBy(
            () ->
                DistributionRules.checkStrength(
                    key,
                    recipient(Environment.PRODUCTION, 3072, null, RecipientState.ACTIVE),
                    only4096,
                    false))
        .hasMessageContaining("which the KEY_WRAPPING policy does not allow");
    assertThatCode(
            () ->
                DistributionRules.checkStrength(
                    key,
                    recipient(Environment.PRODUCTION, 8192, null, RecipientState.ACTIVE),
                    only4096,
                    false))
        .doesNotThrowAnyException();
  }

  @Test
  void withEqualStrengthRequiredRsaCannotCarryAes256ButAKekCan() {
    ManagedKey key = aes(Environment.PRODUCTION, true, null);
    assertThatThrownBy(
            () ->
                DistributionRules.checkStrength(
                    key,
                    recipient(Environment.PRODUCTION, 3072, null, RecipientState.ACTIVE),
                    WRAPPING,
                    true))
        .hasMessageContaining("(128-bit security), weaker than the 256 bits of AES-256")
        .hasMessageContaining("require-equal-strength=true");
    assertThatThrownBy(
            () ->
                DistributionRules.checkStrength(
                    key,
                    recipient(Environment.PRODUCTION, 7680, null, RecipientState.ACTIVE),
                    WRAPPING,
                    true))
        .hasMessageContaining("192-bit");
    assertThatCode(
            () ->
                DistributionRules.checkStrength(
                    key,
                    recipient(Environment.PRODUCTION, 15360, null, RecipientState.ACTIVE),
                    WRAPPING,
                    true))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                DistributionRules.checkStrength(
                    key,
                    recipient(Environment.PRODUCTION, null, "kek", RecipientState.ACTIVE),
                    WRAPPING,
                    true))
        .doesNotThrowAnyException();
  }

  @Test
  void rsaStrengthFollowsNistTable() {
    assertThat(DistributionRules.rsaStrength(2048)).isEqualTo(112);
    assertThat(DistributionRules.rsaStrength(3072)).isEqualTo(128);
    assertThat(DistributionRules.rsaStrength(3584)).isEqualTo(128);
    assertThat(DistributionRules.rsaStrength(4096))
        .isEqualTo(KeyAlgorithm.RSA_4096.securityStrength());
    assertThat(DistributionRules.rsaStrength(7680)).isEqualTo(192);
    assertThat(DistributionRules.rsaStrength(15360)).isEqualTo(256);
  }
}
