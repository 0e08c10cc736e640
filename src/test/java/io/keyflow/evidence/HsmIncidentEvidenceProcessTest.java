package io.keyflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.keyflow.compliance.ControlEvaluation;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.key.Keys;
import io.keyflow.ledger.CheckpointVerification;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerVerification;
import io.keyflow.lifecycle.ProcessTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An HSM step that runs out of retries becomes an engine incident; the pack lists it among the
 * exceptions with the key it concerns, though the ledger holds no trace of it.
 */
class HsmIncidentEvidenceProcessTest extends ProcessTestBase {

  @Autowired Ledger ledger;
  @Autowired ControlEvaluation controls;
  @Autowired Keys keys;
  @Autowired EngineFacts engineFacts;
  @TempDir Path dir;

  @Test
  void anHsmStepThatRanOutOfRetriesIsAnExceptionOfThePack() throws Exception {
    when(vault.generate(any()))
        .thenThrow(new KeyVaultException.Unavailable("HSM unreachable", null));
    String alias = "incident-" + System.nanoTime();
    ProcessInstance instance =
        start(
            "KeyGeneration",
            "alice",
            Map.of(
                "alias",
                alias,
                "purpose",
                "DATA_AT_REST",
                "algorithm",
                "AES-256",
                "justification",
                "Incident evidence"));
    decide("bob", instance, true, null);
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> execute(job(instance)))
          .isInstanceOf(KeyVaultException.Unavailable.class);
    }
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LedgerVerdict verdict =
        new LedgerVerdict(ledger.verify(), new CheckpointVerification(true, 0, null, null, null));
    PackContent.Gathered gathered =
        new PackContent(controls, keys, engineFacts, Duration.ofDays(7))
            .gather(
                dir,
                new EvidencePeriod(today.minusDays(1), today.plusDays(1)),
                null,
                Instant.now(),
                verdict);

    // Other tests sharing the engine leave incidents of their own: count this key's only.
    assertThat(gathered.exceptionsByKind()).containsKey("HSM_STEP_INCIDENT");
    String exceptions = Files.readString(gathered.tables().csv(EvidenceTable.EXCEPTIONS));
    assertThat(
            exceptions
                .lines()
                .filter(l -> l.startsWith("HSM_STEP_INCIDENT,") && l.contains("," + alias + ",")))
        .hasSize(1);
    assertThat(exceptions)
        .contains("HSM_STEP_INCIDENT,")
        .contains("," + alias + ",")
        .contains(
            "KeyGeneration step Task_GenerateKey failed after its retries: HSM unreachable (still open)")
        .contains(instance.getId());
    assertThat(verdict.chain()).extracting(LedgerVerification::valid).isEqualTo(true);
  }
}
