package io.keyflow.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.hsm.OaepHash;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WrappingMechanismTest {

  @Test
  void aRecipientWithAKekGetsAesKwpAndAnyOtherRsaOaepWithTheVaultsHash() {
    assertThat(WrappingMechanism.forRecipient(true, OaepHash.SHA256))
        .isEqualTo(WrappingMechanism.AES_KWP);
    assertThat(WrappingMechanism.forRecipient(false, OaepHash.SHA256))
        .isEqualTo(WrappingMechanism.RSA_OAEP_SHA256);
    assertThat(WrappingMechanism.forRecipient(false, OaepHash.SHA1))
        .isEqualTo(WrappingMechanism.RSA_OAEP_SHA1);
  }

  @Test
  void everyMechanismHasOneSpellingAndTheRecipientsUnwrapParameters() {
    assertThat(WrappingMechanism.RSA_OAEP_SHA256.label()).isEqualTo("RSA-OAEP-SHA-256");
    assertThat(WrappingMechanism.RSA_OAEP_SHA256.family()).isEqualTo("RSA-OAEP");
    assertThat(WrappingMechanism.RSA_OAEP_SHA256.hashName()).isEqualTo("SHA-256");
    assertThat(WrappingMechanism.RSA_OAEP_SHA256.mgfName()).isEqualTo("MGF1-SHA-256");
    assertThat(WrappingMechanism.RSA_OAEP_SHA1.label()).isEqualTo("RSA-OAEP-SHA-1");
    assertThat(WrappingMechanism.RSA_OAEP_SHA1.mgfName()).isEqualTo("MGF1-SHA-1");
    assertThat(WrappingMechanism.AES_KWP.label()).isEqualTo("AES-KWP");
    assertThat(WrappingMechanism.AES_KWP.family()).isEqualTo("AES-KWP");
    assertThat(WrappingMechanism.AES_KWP.hashName()).isNull();
    assertThat(WrappingMechanism.AES_KWP.mgfName()).isNull();
  }

  @Test
  void aStoredPackageNamesItsMechanismBackByFamilyAndHash() {
    for (WrappingMechanism mechanism : WrappingMechanism.values()) {
      assertThat(WrappingMechanism.ofPackage(mechanism.family(), mechanism.hashName()))
          .isEqualTo(mechanism);
    }
    assertThat(Arrays.stream(WrappingMechanism.values()).map(WrappingMechanism::label).distinct())
        .hasSize(3);
    assertThatThrownBy(() -> WrappingMechanism.ofPackage("RSA-OAEP", "SHA-512"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SHA-512");
  }
}
