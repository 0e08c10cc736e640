package io.keyflow.compromise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.keyflow.distribution.DistributionFixtures;
import io.keyflow.distribution.DistributionFixtures.Registered;
import io.keyflow.distribution.KeyDistributionProcess;
import io.keyflow.hsm.OaepHash;
import io.keyflow.hsm.WrappedKey;
import io.keyflow.key.Environment;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.lifecycle.LifecycleFixtures;
import io.keyflow.lifecycle.ProcessTestBase;
import io.keyflow.recipient.RecipientRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** A confirmed compromise posted to each holder's webhook, on a loopback HTTP server. */
class CompromiseWebhookProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keys;
  @Autowired RecipientRegistry registry;
  @Autowired ApplicationContext context;
  @Autowired TransactionTemplate transactions;
  @Autowired ManagementService management;
  @Autowired CompromiseWebhooks webhooks;
  @Autowired ObjectMapper json;
  DistributionFixtures fixtures;
  HttpServer server;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final AtomicInteger status = new AtomicInteger(204);

  @BeforeEach
  void vaultAndEndpoint() throws Exception {
    fixtures = new DistributionFixtures(keys, registry, transactions);
    LifecycleFixtures.fakeVault(vault);
    when(vault.preferredOaepHash()).thenReturn(OaepHash.SHA256);
    when(vault.wrapForRecipient(any(), any(), any()))
        .thenAnswer(
            call ->
                new WrappedKey(
                    call.getArgument(0),
                    "RSA-OAEP-SHA256",
                    "wrapped".getBytes(),
                    keys.findVersion((UUID) call.getArgument(0)).orElseThrow().kcv()));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopEndpoint() {
    server.stop(0);
  }

  private String hookUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=secret";
  }

  /** A key held (picked up) by {@code holder}, then reported and confirmed compromised. */
  private ProcessInstance confirmedCompromiseHeldBy(String alias, Registered holder) {
    fixtures.exportableKey(alias);
    Map<String, Object> variables = new HashMap<>();
    variables.put(KeyDistributionProcess.VAR_ALIAS, alias);
    variables.put(KeyDistributionProcess.VAR_RECIPIENT, holder.name());
    ProcessInstance distribution = start(KeyDistributionProcess.PROCESS_KEY, "alice", variables);
    decide("bob", distribution, true, null);
    execute(job(distribution));
    UUID packageId =
        UUID.fromString(
            (String)
                engine
                    .getHistoryService()
                    .createHistoricVariableInstanceQuery()
                    .processInstanceId(distribution.getId())
                    .variableName(KeyDistributionProcess.VAR_PACKAGE_ID)
                    .singleResult()
                    .getValue());
    DistributionFixtures.pickUp(context, packageId, holder);
    Map<String, Object> report = new HashMap<>();
    report.put(KeyCompromiseProcess.VAR_ALIAS, alias);
    report.put(KeyCompromiseProcess.VAR_VERSIONS, "all");
    report.put(KeyCompromiseProcess.VAR_REASON, "Wrapped package copied from a jump host");
    ProcessInstance compromise = start(KeyCompromiseProcess.PROCESS_KEY, "alice", report);
    decide("bob", compromise, true, "Confirmed: the package was copied");
    return compromise;
  }

  private Job webhookJob(ProcessInstance instance) {
    return management
        .createJobQuery()
        .processInstanceId(instance.getId())
        .activityId(KeyCompromiseProcess.TASK_NOTIFY_WEBHOOK)
        .singleResult();
  }

  @Test
  void aHolderWithAWebhookIsPostedTheConfirmationOnceAndTheDeliveryIsInTheLedger()
      throws Exception {
    String alias = DistributionFixtures.unique("hooked");
    Registered holder =
        fixtures.recipient(
            DistributionFixtures.unique("hooked-app"), Environment.PRODUCTION, hookUrl());
    ProcessInstance compromise = confirmedCompromiseHeldBy(alias, holder);
    assertThat(compromise)
        .variables()
        .containsEntry(KeyCompromiseProcess.VAR_WEBHOOK_RECIPIENTS, holder.name());
    assertThat(bodies).as("nothing posted before the job runs").isEmpty();

    execute(webhookJob(compromise));

    assertThat(bodies).hasSize(1);
    JsonNode body = json.readTree(bodies.get(0));
    assertThat(body.get("event").asText()).isEqualTo("KEY_COMPROMISE_CONFIRMED");
    assertThat(body.get("alias").asText()).isEqualTo(alias);
    assertThat(body.get("compromisedVersions").toString()).isEqualTo("[1]");
    assertThat(body.get("replacementVersion").asInt()).isEqualTo(2);
    assertThat(body.get("reportId").asText()).isEqualTo(compromise.getId());
    assertThat(body.has("time")).isTrue();
    assertThat(bodies.get(0)).doesNotContainIgnoringCase("wrapped").doesNotContain("kcv");
    assertThat(ledgerCount("KEY_COMPROMISE_WEBHOOK_DELIVERED", alias)).isEqualTo(1);
    String details =
        jdbc.queryForObject(
            "SELECT details FROM ledger_entry WHERE action = 'KEY_COMPROMISE_WEBHOOK_DELIVERED' AND key_alias = ?",
            String.class,
            alias);
    assertThat(details)
        .contains(holder.name())
        .contains("127.0.0.1")
        .contains("204")
        .doesNotContain("secret");
    assertThat(webhookJob(compromise)).as("the webhook branch ended").isNull();

    webhooks.deliver(compromise.getId(), holder.name());
    assertThat(bodies).as("a repeated delivery does not post again").hasSize(1);
    assertThat(ledgerCount("KEY_COMPROMISE_WEBHOOK_DELIVERED", alias)).isEqualTo(1);
  }

  @Test
  void aFailingWebhookIsRetriedThenRaisesAnIncidentWithoutHoldingUpTheRotation() {
    status.set(503);
    String alias = DistributionFixtures.unique("flaky");
    Registered holder =
        fixtures.recipient(
            DistributionFixtures.unique("flaky-app"), Environment.PRODUCTION, hookUrl());
    ProcessInstance compromise = confirmedCompromiseHeldBy(alias, holder);

    int attempts = 0;
    while (webhookJob(compromise).getRetries() > 0 && attempts < 10) {
      Job job = webhookJob(compromise);
      assertThatThrownBy(() -> execute(job))
          .hasMessageContaining("answered HTTP 503")
          .hasMessageNotContaining("secret");
      attempts++;
    }

    assertThat(attempts).as("retried before giving up").isGreaterThan(1);
    assertThat(bodies).hasSize(attempts);
    assertThat(
            runtime
                .createIncidentQuery()
                .processInstanceId(compromise.getId())
                .activityId(KeyCompromiseProcess.TASK_NOTIFY_WEBHOOK)
                .count())
        .isEqualTo(1);
    assertThat(ledgerCount("KEY_COMPROMISE_WEBHOOK_DELIVERED", alias)).isZero();
    assertThat(
            management
                .createJobQuery()
                .processInstanceId(compromise.getId())
                .activityId(KeyCompromiseProcess.TASK_GENERATE_REPLACEMENT)
                .count())
        .as("the rotation waits on its own branch")
        .isEqualTo(1);

    status.set(200);
    management.setJobRetries(webhookJob(compromise).getId(), 1);
    execute(webhookJob(compromise));
    assertThat(ledgerCount("KEY_COMPROMISE_WEBHOOK_DELIVERED", alias)).isEqualTo(1);
  }

  @Test
  void aHolderWithoutAWebhookGetsNoPostAndNoWebhookJob() {
    String alias = DistributionFixtures.unique("plain");
    Registered holder =
        fixtures.recipient(DistributionFixtures.unique("plain-app"), Environment.PRODUCTION);
    ProcessInstance compromise = confirmedCompromiseHeldBy(alias, holder);

    assertThat(compromise)
        .hasPassed(KeyCompromiseProcess.END_WEBHOOKS_TOLD)
        .variables()
        .containsEntry(KeyCompromiseProcess.VAR_WEBHOOK_RECIPIENTS, "");
    assertThat(webhookJob(compromise)).isNull();
    assertThat(ledgerCount("KEY_COMPROMISE_HOLDER_NOTIFIED", alias)).isEqualTo(1);
    assertThat(ledgerCount("KEY_COMPROMISE_WEBHOOK_DELIVERED", alias)).isZero();
    assertThat(bodies).isEmpty();
  }
}
