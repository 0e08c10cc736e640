package io.keyflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.hsm.KeyVaultException;
import io.keyflow.shared.StartupRefusal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;

class StartupFailureAnalyzerTest {

  private final StartupFailureAnalyzer analyzer = new StartupFailureAnalyzer();

  @Test
  void aRefusalDeepInABeanFailureIsReportedAsItsDescriptionAndItsAction() {
    var refusal = new StartupRefusal("The account can alter the ledger.", "Set x.y=true.");
    var failure =
        new BeanCreationException(
            "check", "Error creating bean", new IllegalStateException("runner", refusal));

    var analysis = analyzer.analyze(failure);

    assertThat(analysis.getDescription()).isEqualTo("The account can alter the ledger.");
    assertThat(analysis.getAction()).isEqualTo("Set x.y=true.");
  }

  @Test
  void aVaultMisconfigurationIsReportedAsTheSentenceThatNamesTheSetting() {
    var misconfigured =
        new KeyVaultException.Misconfigured(
            "The PKCS#11 library /x.so does not exist or is not readable: fix keyflow.hsm.pkcs11.module",
            null);
    var failure = new BeanCreationException("keyVault", "Error creating bean", misconfigured);

    var analysis = analyzer.analyze(failure);

    assertThat(analysis.getDescription()).isEqualTo(misconfigured.getMessage());
    assertThat(analysis.getAction()).contains("start Keyflow again");
  }

  @Test
  void otherFailuresAreLeftToSpringBoot() {
    assertThat(analyzer.analyze(new IllegalStateException("other"))).isNull();
  }
}
