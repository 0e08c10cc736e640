package io.keyflow.generation;

import static io.keyflow.generation.KeyGenerationProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.Provenance;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.Environment;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.lifecycle.ProcessTestBase;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The optional {@code environment} of a generation request: TEST when asked for, PRODUCTION
 * otherwise.
 */
class KeyEnvironmentProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keys;

  private ProcessInstance request(String alias, String environment) {
    Map<String, Object> variables =
        new HashMap<>(
            Map.of(
                VAR_ALIAS,
                alias,
                VAR_PURPOSE,
                "DATA_AT_REST",
                VAR_ALGORITHM,
                "AES-256",
                VAR_JUSTIFICATION,
                "environments"));
    if (environment != null) {
      variables.put(VAR_ENVIRONMENT, environment);
    }
    return start(PROCESS_KEY, "alice", variables);
  }

  @org.junit.jupiter.api.BeforeEach
  void vaultGenerates() {
    when(vault.backend()).thenReturn("mock");
    when(vault.generate(any()))
        .thenAnswer(
            call -> {
              var spec = (io.keyflow.hsm.KeySpec) call.getArgument(0);
              return new VaultKey(
                  spec.id(),
                  spec.label(),
                  KeyAlgorithm.AES_256,
                  new Provenance(true, true, true, false, true, "CKM_AES_KEY_GEN"),
                  "a1b2c3");
            });
    when(vault.find(any()))
        .thenAnswer(
            call ->
                Optional.of(
                    new VaultKey(
                        call.getArgument(0),
                        "l",
                        KeyAlgorithm.AES_256,
                        new Provenance(true, true, true, false, true, "CKM_AES_KEY_GEN"),
                        "a1b2c3")));
  }

  private void generate(ProcessInstance instance) {
    String taskId = task(instance).getId();
    actAs("bob");
    try {
      tasks.complete(taskId, Map.of("approved", true));
    } finally {
      identity.clearAuthentication();
    }
    execute(job(instance));
  }

  @Test
  void aTestKeyIsRecordedAsTestAndAKeyWithoutEnvironmentAsProduction() {
    String testAlias = "env-test-" + UUID.randomUUID().toString().substring(0, 8);
    ProcessInstance testKey = request(testAlias, "test");
    assertThat(testKey)
        .isWaitingAt(TASK_APPROVE)
        .variables()
        .containsEntry(VAR_ENVIRONMENT, "TEST");
    generate(testKey);
    assertThat(keys.findByAlias(testAlias).orElseThrow().environment()).isEqualTo(Environment.TEST);

    String productionAlias = "env-prod-" + UUID.randomUUID().toString().substring(0, 8);
    ProcessInstance productionKey = request(productionAlias, null);
    assertThat(productionKey).variables().containsEntry(VAR_ENVIRONMENT, "PRODUCTION");
    generate(productionKey);
    assertThat(keys.findByAlias(productionAlias).orElseThrow().environment())
        .isEqualTo(Environment.PRODUCTION);
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM ledger_entry WHERE action = 'KEY_GENERATED' AND key_alias = ?",
                String.class,
                testAlias))
        .contains("\"environment\":\"TEST\"");
  }

  @Test
  void anUnknownEnvironmentIsRefused() {
    ProcessInstance instance =
        request("env-bad-" + UUID.randomUUID().toString().substring(0, 8), "STAGING");
    assertThat(instance).isEnded().hasPassed(END_REQUEST_REFUSED);
  }
}
