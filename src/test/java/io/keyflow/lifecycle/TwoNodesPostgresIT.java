package io.keyflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.KeyflowApplication;
import io.keyflow.generation.KeyGenerationProcess;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.VaultObject;
import io.keyflow.key.KeyState;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.support.FullStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two Keyflow nodes — two application contexts, each with its own engine, job executor and
 * connection pool — on one PostgreSQL database and one HSM token, as a cluster runs. Both job
 * executors race for every generation job; optimistic locking lets exactly one of them act, and the
 * idempotent vault step makes a retried job find its object: one key on the token, one version in
 * the inventory and one KEY_GENERATED entry per request, and one ledger chain.
 */
class TwoNodesPostgresIT {

  private static final int REQUESTS = 6;
  private static ConfigurableApplicationContext node1;
  private static ConfigurableApplicationContext node2;

  @BeforeAll
  static void startTwoNodes() {
    Map<String, Object> shared = new HashMap<>();
    FullStack.register((name, value) -> shared.put(name, value.get()), "twonodes");
    shared.put("camunda.bpm.job-execution.enabled", "true");
    shared.put("server.port", "0");
    // Both nodes poll often, so they really compete for the same jobs.
    shared.put("camunda.bpm.job-execution.wait-time-in-millis", "200");
    shared.put("camunda.bpm.job-execution.max-wait", "500");
    node1 = start(shared);
    node2 = start(shared);
  }

  private static ConfigurableApplicationContext start(Map<String, Object> properties) {
    // As command-line arguments: they must win over the test profile's in-memory database.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(KeyflowApplication.class).profiles("test").run(args);
  }

  @AfterAll
  static void stopNodes() {
    if (node2 != null) {
      node2.close();
    }
    if (node1 != null) {
      node1.close();
    }
  }

  @Test
  void twoNodesOnOneDatabaseGenerateEveryApprovedKeyExactlyOnce() {
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String alias = "cluster-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
      aliases.add(alias);
      // Requests on node 1, approvals on node 2: the nodes share every piece of state.
      startAs(node1, "alice", alias);
    }
    for (String alias : aliases) {
      approveAs(node2, "bob", alias);
    }

    KeyRepository keys = node1.getBean(KeyRepository.class);
    FullStack.await(
        "every approved key is ACTIVE",
        Duration.ofSeconds(90),
        () -> aliases.stream().allMatch(alias -> keys.findByAlias(alias).isPresent()));

    Set<String> versionIds =
        aliases.stream()
            .map(alias -> keys.versions(keys.findByAlias(alias).orElseThrow().id()))
            .peek(
                versions ->
                    assertThat(versions).hasSize(1).allMatch(v -> v.state() == KeyState.ACTIVE))
            .map(versions -> versions.get(0).id().toString())
            .collect(Collectors.toSet());
    assertThat(versionIds).hasSize(REQUESTS);

    List<VaultObject> onToken = node2.getBean(KeyVault.class).list();
    for (String versionId : versionIds) {
      assertThat(onToken)
          .as("objects with id " + versionId)
          .filteredOn(object -> object.id().equals(versionId))
          .hasSize(1);
    }
    JdbcTemplate jdbc = node1.getBean(JdbcTemplate.class);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM ledger_entry WHERE action = 'KEY_GENERATED'", Integer.class))
        .isEqualTo(REQUESTS);
    assertThat(node2.getBean(Ledger.class).verify().valid()).isTrue();
  }

  private static void startAs(ConfigurableApplicationContext node, String user, String alias) {
    ProcessEngine engine = node.getBean(ProcessEngine.class);
    IdentityService identity = engine.getIdentityService();
    identity.setAuthentication(user, List.of("security-engineering"));
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
                  "cluster test"));
    } finally {
      identity.clearAuthentication();
    }
  }

  private static void approveAs(ConfigurableApplicationContext node, String officer, String alias) {
    ProcessEngine engine = node.getBean(ProcessEngine.class);
    Task task =
        engine.getTaskService().createTaskQuery().processInstanceBusinessKey(alias).singleResult();
    engine.getIdentityService().setAuthentication(officer, List.of("security-officer"));
    try {
      engine.getTaskService().complete(task.getId(), Map.of("approved", true));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
