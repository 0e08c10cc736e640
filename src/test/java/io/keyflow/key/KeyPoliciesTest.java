package io.keyflow.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.hsm.KeyAlgorithm;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KeyPoliciesTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(KeyConfiguration.class);

  @Test
  void defaultsFollowTheProcedure() {
    context.run(
        run -> {
          KeyPolicies policies = run.getBean(KeyPolicies.class);
          KeyPolicy atRest = policies.forPurpose(KeyPurpose.DATA_AT_REST);
          assertThat(atRest.algorithms()).containsExactly(KeyAlgorithm.AES_256);
          assertThat(atRest.encryptPeriod()).isEqualTo(Duration.ofDays(365));
          assertThat(atRest.retention()).isEqualTo(Duration.ofDays(3 * 365));
          assertThat(policies.forPurpose(KeyPurpose.DATA_IN_TRANSIT).retention())
              .isEqualTo(Duration.ofDays(30));
          assertThat(policies.forPurpose(KeyPurpose.SIGNING).exportAllowed()).isFalse();
        });
  }

  @Test
  void tighterConfigurationIsAccepted() {
    context
        .withPropertyValues(
            "keyflow.policy.data-at-rest.encrypt-period=90d",
            "keyflow.policy.data-at-rest.retention=400d",
            "keyflow.policy.signing.algorithms=EC_P384")
        .run(
            run -> {
              KeyPolicies policies = run.getBean(KeyPolicies.class);
              assertThat(policies.forPurpose(KeyPurpose.DATA_AT_REST).encryptPeriod())
                  .isEqualTo(Duration.ofDays(90));
              assertThat(policies.forPurpose(KeyPurpose.SIGNING).algorithms())
                  .containsExactly(KeyAlgorithm.EC_P384);
            });
  }

  @Test
  void anEncryptPeriodOverAYearStopsStartUp() {
    context
        .withPropertyValues("keyflow.policy.data-at-rest.encrypt-period=400d")
        .run(
            run ->
                assertThat(run.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("keyflow.policy.data-at-rest.encrypt-period"));
  }

  @Test
  void anAlgorithmBeyondTheDefaultStopsStartUp() {
    context
        .withPropertyValues("keyflow.policy.data-at-rest.algorithms=AES_256,RSA_3072")
        .run(
            run ->
                assertThat(run.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("keyflow.policy.data-at-rest.algorithms"));
  }

  @Test
  void exportOfSigningKeysCannotBeAllowed() {
    context
        .withPropertyValues("keyflow.policy.signing.export-allowed=true")
        .run(
            run ->
                assertThat(run.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("export-allowed"));
  }

  @Test
  void policyRefusesAlgorithmsAndExportOutsideItsRules() {
    KeyPolicy signing = KeyPolicy.defaults(KeyPurpose.SIGNING);
    assertThatThrownBy(() -> signing.checkAlgorithm(KeyAlgorithm.AES_256))
        .hasMessageContaining("not allowed for SIGNING");
    assertThatThrownBy(() -> signing.checkExport(true)).hasMessageContaining("never exported");
  }

  @Test
  void weakAndUnknownAlgorithmNamesAreRefusedWithAReason() {
    assertThatThrownBy(() -> Algorithms.parse("AES-128"))
        .hasMessageContaining("below the policy minimum of AES-256");
    assertThatThrownBy(() -> Algorithms.parse("3des")).hasMessageContaining("deprecated");
    assertThatThrownBy(() -> Algorithms.parse("RSA-2048")).hasMessageContaining("RSA-3072");
    assertThatThrownBy(() -> Algorithms.parse("ROT13")).hasMessageContaining("Unknown algorithm");
    assertThat(Algorithms.parse("aes-256")).isEqualTo(KeyAlgorithm.AES_256);
    assertThat(Algorithms.parse("EC_P256")).isEqualTo(KeyAlgorithm.EC_P256);
  }
}
