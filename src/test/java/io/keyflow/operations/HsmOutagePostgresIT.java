package io.keyflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.generation.KeyGenerationProcess;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.VaultObject;
import io.keyflow.hsm.pkcs11.SoftHsmToken;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HSM goes away in the middle of a run of approved generations and comes back: the running
 * application notices (readiness DOWN), reconnects by itself once the token is back (readiness UP),
 * and every approved generation completes — one object on the token per key, no incident, the
 * ledger valid — without a restart. The retry cycle is the production mechanism (back-off until the
 * outage tolerance has passed), shortened for the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HsmOutagePostgresIT {

  private static final int BEFORE_OUTAGE = 10;
  private static final int DURING_OUTAGE = 10;

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) {
    FullStack.register(registry, "outage");
    registry.add("keyflow.retries.vault-cycle", () -> "");
    registry.add("keyflow.retries.vault-outage-tolerance", () -> "PT90S");
    registry.add("keyflow.retries.vault-max-backoff", () -> "PT2S");
    registry.add("keyflow.hsm.pkcs11.reconnect-max-backoff", () -> "PT1S");
    registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "200");
    registry.add("camunda.bpm.job-execution.max-wait", () -> "500");
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired KeyRepository keys;
  @Autowired KeyVault vault;
  @Autowired Ledger ledger;
  @Autowired JdbcTemplate jdbc;
  private boolean outage;

  @AfterEach
  void endOutage() {
    if (outage) {
      SoftHsmToken.endOutage();
    }
  }

  @Test
  void everyApprovedGenerationCompletesAfterTheTokenComesBackWithoutARestart() {
    RestClient rest = new RestClient(port);
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < BEFORE_OUTAGE + DURING_OUTAGE; i++) {
      String alias = "outage-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
      aliases.add(alias);
      start(alias);
    }
    aliases.subList(0, BEFORE_OUTAGE).forEach(this::approve);
    FullStack.await(
        "the first keys are ACTIVE", Duration.ofSeconds(60), () -> active(aliases) >= 2);

    SoftHsmToken.startOutage();
    outage = true;
    aliases.subList(BEFORE_OUTAGE, aliases.size()).forEach(this::approve);
    FullStack.await(
        "readiness is DOWN",
        Duration.ofSeconds(30),
        () -> rest.get("/actuator/health/readiness", null).statusCode() == 503);
    assertThat(rest.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    FullStack.await(
        "generation jobs fail and wait for a retry",
        Duration.ofSeconds(30),
        () -> engine.getManagementService().createJobQuery().withException().count() > 0);
    assertThat(active(aliases)).isLessThan(aliases.size());
    // One job is made to exhaust its retries during the outage, as a shorter cycle would: an
    // incident.
    String exhausted =
        engine.getManagementService().createJobQuery().withException().list().get(0).getId();
    FullStack.await(
        "the exhausted job becomes an incident",
        Duration.ofSeconds(30),
        () -> {
          if (engine.getRuntimeService().createIncidentQuery().configuration(exhausted).count()
              == 1) {
            return true;
          }
          setRetries(exhausted, 1);
          return false;
        });

    SoftHsmToken.endOutage();
    outage = false;
    FullStack.await(
        "readiness is UP again",
        Duration.ofSeconds(30),
        () -> rest.get("/actuator/health/readiness", null).statusCode() == 200);
    FullStack.await(
        "every other approved key is ACTIVE",
        Duration.ofSeconds(90),
        () -> active(aliases) == aliases.size() - 1);
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isEqualTo(1);

    // What an operator does in Cockpit: retry the incident. The HSM is back, so it succeeds.
    setRetries(exhausted, 1);
    FullStack.await(
        "every approved key is ACTIVE",
        Duration.ofSeconds(60),
        () -> active(aliases) == aliases.size());

    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    List<VaultObject> onToken = vault.list();
    for (String alias : aliases) {
      List<KeyVersion> versions = keys.versions(keys.findByAlias(alias).orElseThrow().id());
      assertThat(versions).as(alias).hasSize(1).allMatch(v -> v.state() == KeyState.ACTIVE);
      String id = versions.get(0).id().toString();
      assertThat(onToken).as("objects with id " + id).filteredOn(o -> o.id().equals(id)).hasSize(1);
    }
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM ledger_entry WHERE action = 'KEY_GENERATED'", Integer.class))
        .isEqualTo(aliases.size());
    assertThat(ledger.verify().valid()).isTrue();
  }

  private void setRetries(String jobId, int retries) {
    try {
      engine.getManagementService().setJobRetries(jobId, retries);
    } catch (org.camunda.bpm.engine.OptimisticLockingException executingRightNow) {
      // The job executor is running the job at this moment; the caller tries again.
    }
  }

  private long active(List<String> aliases) {
    return aliases.stream().filter(alias -> keys.findByAlias(alias).isPresent()).count();
  }

  private void start(String alias) {
    engine.getIdentityService().setAuthentication("alice", List.of("security-engineering"));
    try {
      engine
          .getRuntimeService()
          .startProcessInstanceByKey(
              KeyGenerationProcess.PROCESS_KEY,
              Map.of(
                  "alias",
                  alias,
                  "purpose",
                  "DATA_AT_REST",
                  "algorithm",
                  "AES-256",
                  "justification",
                  "outage test"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void approve(String alias) {
    Task task =
        engine.getTaskService().createTaskQuery().processInstanceBusinessKey(alias).singleResult();
    engine.getIdentityService().setAuthentication("bob", List.of("security-officer"));
    try {
      engine.getTaskService().complete(task.getId(), Map.of("approved", true));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
