package io.keyflow.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;

class MisconfigurationFailureAnalyzerTest {

  @Test
  void aVaultMisconfigurationIsReportedAsTheSentenceThatNamesTheSetting() {
    var misconfigured =
        new KeyVaultException.Misconfigured(
            "The PKCS#11 library /x.so does not exist or is not readable: fix keyflow.hsm.pkcs11.module",
            null);
    var failure = new BeanCreationException("keyVault", "Error creating bean", misconfigured);

    var analysis = new MisconfigurationFailureAnalyzer().analyze(failure);

    assertThat(analysis.getDescription()).isEqualTo(misconfigured.getMessage());
    assertThat(analysis.getAction()).contains("start Keyflow again");
  }

  @Test
  void otherFailuresAreLeftToSpringBoot() {
    assertThat(new MisconfigurationFailureAnalyzer().analyze(new IllegalStateException("other")))
        .isNull();
  }
}
