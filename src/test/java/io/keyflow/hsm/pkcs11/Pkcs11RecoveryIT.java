package io.keyflow.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.hsm.GcmCiphertext;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.OaepHash;
import io.keyflow.hsm.VaultKey;
import io.keyflow.support.FullStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A SoftHSM2 token that disappears (its directory moved away) and comes back: the running vault
 * reconnects by itself — sessions dropped, library re-initialised, logged in again — and every key
 * made before the outage is usable again under fresh handles.
 */
class Pkcs11RecoveryIT {

  private static SoftHsmToken token;
  private Pkcs11KeyVault vault;
  private boolean outage;

  @BeforeAll
  static void createToken() {
    // Before the library is first initialised in this JVM: SoftHSM reads its tokens at
    // C_Initialize.
    token = SoftHsmToken.create("recovery-it");
  }

  @BeforeEach
  void openVault() {
    Pkcs11Properties props =
        new Pkcs11Properties(
            SoftHsmToken.MODULE,
            token.label,
            "KEYFLOW_HSM_PIN",
            null,
            OaepHash.SHA1,
            3,
            Duration.ofMillis(500));
    vault = new Pkcs11KeyVault(props, token.env());
  }

  @AfterEach
  void closeVault() {
    if (outage) {
      SoftHsmToken.endOutage();
    }
    vault.close();
  }

  @Test
  void aVaultWhoseTokenWentAwayAndCameBackServesAgainWithoutARestart() {
    VaultKey before = vault.generate(spec());
    byte[] aad = "aad".getBytes(StandardCharsets.UTF_8);
    GcmCiphertext sealed =
        vault.encrypt(before.id(), "secret".getBytes(StandardCharsets.UTF_8), aad);

    SoftHsmToken.startOutage();
    outage = true;
    assertThatThrownBy(() -> vault.generate(spec()))
        .isInstanceOfSatisfying(
            KeyVaultException.Unavailable.class,
            e -> assertThat(e.deviceCode()).isIn("CKR_GENERAL_ERROR", "UNREACHABLE"));
    assertThatThrownBy(vault::probe).isInstanceOf(KeyVaultException.Unavailable.class);
    // While the device is down, calls fail at once instead of waiting on the library.
    assertThatThrownBy(() -> vault.find(before.id()))
        .isInstanceOfSatisfying(
            KeyVaultException.Unavailable.class,
            e -> assertThat(e.deviceCode()).isIn("UNREACHABLE", "CKR_GENERAL_ERROR"));

    SoftHsmToken.endOutage();
    outage = false;
    FullStack.await(
        "the vault reconnects to the token",
        Duration.ofSeconds(20),
        () -> {
          try {
            vault.probe();
            return true;
          } catch (KeyVaultException.Unavailable stillDown) {
            return false;
          }
        });

    assertThat(vault.find(before.id())).map(VaultKey::kcv).contains(before.kcv());
    assertThat(new String(vault.decrypt(before.id(), sealed, aad), StandardCharsets.UTF_8))
        .isEqualTo("secret");
    KeySpec after = spec();
    assertThatCode(() -> vault.generate(after)).doesNotThrowAnyException();
    assertThat(vault.list()).filteredOn(o -> o.id().equals(after.id().toString())).hasSize(1);
  }

  @Test
  void aSecondVaultOnTheSameLibraryFollowsAReinitialisationMadeByTheFirst() {
    Pkcs11KeyVault other = new Pkcs11KeyVault(token.properties(), token.env());
    try {
      VaultKey key = other.generate(spec());
      GcmCiphertext sealed = other.encrypt(key.id(), new byte[] {4, 2}, null);
      long generation = Pkcs11Modules.shared(SoftHsmToken.MODULE).generation();

      SoftHsmToken.startOutage();
      outage = true;
      assertThatThrownBy(vault::probe).isInstanceOf(KeyVaultException.Unavailable.class);
      SoftHsmToken.endOutage();
      outage = false;
      FullStack.await(
          "the first vault reconnects",
          Duration.ofSeconds(20),
          () -> {
            try {
              vault.probe();
              return true;
            } catch (KeyVaultException.Unavailable stillDown) {
              return false;
            }
          });

      // The other vault's sessions and cached handles belong to the old generation: it must not use
      // them.
      assertThat(Pkcs11Modules.shared(SoftHsmToken.MODULE).generation()).isGreaterThan(generation);
      assertThat(other.decrypt(key.id(), sealed, null)).containsExactly(4, 2);
      assertThat(other.find(key.id())).map(VaultKey::kcv).contains(key.kcv());
    } finally {
      other.close();
    }
  }

  @Test
  void aWrongGcmTagIsADecryptionFailureAndDoesNotReinitialiseTheLibrary() {
    VaultKey key = vault.generate(spec());
    long generation = Pkcs11Modules.shared(SoftHsmToken.MODULE).generation();
    GcmCiphertext sealed = vault.encrypt(key.id(), new byte[] {1, 2, 3}, null);
    byte[] tampered = sealed.ciphertext().clone();
    tampered[0] ^= 1;

    assertThatThrownBy(
            () -> vault.decrypt(key.id(), new GcmCiphertext(sealed.iv(), tampered), null))
        .isInstanceOf(KeyVaultException.DecryptionFailed.class);

    assertThat(Pkcs11Modules.shared(SoftHsmToken.MODULE).generation()).isEqualTo(generation);
    assertThat(vault.decrypt(key.id(), sealed, null)).containsExactly(1, 2, 3);
  }

  private static KeySpec spec() {
    UUID id = UUID.randomUUID();
    return new KeySpec(
        id,
        "keyflow/recovery/" + id.toString().substring(0, 8),
        KeyAlgorithm.AES_256,
        false,
        KeyRole.DATA_ENCRYPTION);
  }
}
