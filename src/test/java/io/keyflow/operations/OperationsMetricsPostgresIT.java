package io.keyflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.pkcs11.SoftHsmToken;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Health probes and the Prometheus metrics on the production shape (PostgreSQL, SoftHSM2, job
 * executor): who may read what, and the values after a lifecycle — a key generated, one approval
 * left waiting, the demo clock moved past the key's protect-stop, and HSM calls failed during a
 * token outage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot turns metrics export off in tests unless asked; this test is about the export.
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OperationsMetricsPostgresIT {

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) {
    FullStack.register(registry, "metrics");
    registry.add("keyflow.metrics.refresh-interval", () -> "PT0.5S");
    registry.add("keyflow.metrics.ledger-verification-interval", () -> "PT0.5S");
    registry.add("keyflow.hsm.pkcs11.reconnect-max-backoff", () -> "PT0.5S");
  }

  @LocalServerPort int port;
  @Autowired KeyVault vault;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(port);
  }

  @Test
  void probesAreOpenAndShowTheStatusOnly() {
    var readiness = rest.get("/actuator/health/readiness", null);
    var liveness = rest.get("/actuator/health/liveness", null);

    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(liveness.body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(rest.get("/actuator/health", null).body())
        .doesNotContain("components", "details", "pkcs11");
  }

  @Test
  void onlyAuditorsOfficersAndAdministratorsMayScrapeTheMetrics() {
    assertThat(rest.get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
    // (not a demo user: Camunda briefly locks a user after a wrong password)
    assertThat(rest.get("/actuator/prometheus", "nobody", "wrong-password").statusCode())
        .isEqualTo(401);
    var engineer = rest.get("/actuator/prometheus", "alice");
    assertThat(engineer.statusCode()).isEqualTo(403);
    assertThat(engineer.body()).contains("auditor, security-officer and camunda-admin");
    assertThat(rest.get("/actuator/prometheus", "app").statusCode()).isEqualTo(403);
    assertThat(rest.get("/actuator/prometheus", "dave").statusCode()).isEqualTo(200);
    assertThat(rest.get("/actuator/prometheus", "bob").statusCode()).isEqualTo(200);
    assertThat(rest.get("/actuator/prometheus", "admin").statusCode()).isEqualTo(200);
  }

  @Test
  void theMetricsTellTheLifecycleAKeyGeneratedOneOverdueAnApprovalWaitingAndFailedHsmCalls()
      throws Exception {
    String alias = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    approve(startGeneration(alias));
    FullStack.await(
        "the key is ACTIVE",
        Duration.ofSeconds(60),
        () -> rest.get("/api/keys/" + alias, "dave").statusCode() == 200);
    startGeneration("waiting-" + UUID.randomUUID().toString().substring(0, 8));

    var moved = rest.post("/api/demo/clock", "admin", "{\"advanceDays\":400}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

    SoftHsmToken.startOutage();
    try {
      UUID id = UUID.randomUUID();
      assertThatThrownBy(
              () ->
                  vault.generate(
                      new KeySpec(
                          id,
                          "keyflow/outage/" + id,
                          KeyAlgorithm.AES_256,
                          false,
                          KeyRole.DATA_ENCRYPTION)))
          .isInstanceOf(KeyVaultException.Unavailable.class);
    } finally {
      SoftHsmToken.endOutage();
    }
    FullStack.await(
        "readiness is UP again",
        Duration.ofSeconds(30),
        () -> rest.get("/actuator/health/readiness", null).statusCode() == 200);

    FullStack.await(
        "the gauges show the lifecycle",
        Duration.ofSeconds(30),
        () -> {
          String metrics = scrape();
          return value(metrics, "keyflow_keys_overdue") == 1
              && value(metrics, "keyflow_approvals_waiting") >= 1
              && value(metrics, "keyflow_ledger_valid") == 1;
        });
    String metrics = scrape();
    assertThat(
            value(
                metrics,
                "keyflow_keys{application=\"keyflow\",environment=\"PRODUCTION\",purpose=\"DATA_AT_REST\",state=\"ACTIVE\"}"))
        .isEqualTo(1);
    assertThat(value(metrics, "keyflow_keys_overdue")).isEqualTo(1);
    // At least the request left waiting (moving the clock may also let the sweeps open tasks).
    assertThat(value(metrics, "keyflow_approvals_waiting")).isGreaterThanOrEqualTo(1);
    assertThat(value(metrics, "keyflow_approvals_oldest_age_seconds"))
        .isGreaterThanOrEqualTo(400 * 86_400d);
    assertThat(
            value(
                metrics,
                "keyflow_hsm_errors_total{application=\"keyflow\",ckr=\"CKR_GENERAL_ERROR\"}"))
        .isGreaterThanOrEqualTo(1);
    assertThat(metrics)
        .containsPattern(
            "keyflow_hsm_operation_seconds_bucket\\{application=\"keyflow\",backend=\"pkcs11\",operation=\"generate\",outcome=\"success\",le=\"\\+Inf\"} [1-9]");
    assertThat(
            value(
                metrics,
                "keyflow_hsm_operation_seconds_count{application=\"keyflow\",backend=\"pkcs11\",operation=\"generate\",outcome=\"success\"}"))
        .isGreaterThanOrEqualTo(1);
    // requested, approved, generated; and the waiting request
    assertThat(value(metrics, "keyflow_ledger_entries")).isGreaterThanOrEqualTo(4);
    assertThat(value(metrics, "keyflow_ledger_valid")).isEqualTo(1);
    assertThat(
            value(metrics, "keyflow_distribution_packages{application=\"keyflow\",state=\"HELD\"}"))
        .isZero();
  }

  private String scrape() {
    var response = rest.get("/actuator/prometheus", "dave");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /**
   * The sample's value; a metric without labels is matched with the application tag every metric
   * carries.
   */
  private static double value(String metrics, String sample) {
    String name = sample.contains("{") ? sample : sample + "{application=\"keyflow\"}";
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
  }

  private String startGeneration(String alias) throws Exception {
    var start =
        rest.post(
            "/engine-rest/process-definition/key/KeyGeneration/start",
            "alice",
            "{\"variables\":{\"alias\":{\"value\":\""
                + alias
                + "\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},"
                + "\"algorithm\":{\"value\":\"AES-256\"},\"justification\":{\"value\":\"Watch the metrics\"}}}");
    assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
    return json.readTree(start.body()).get("id").asText();
  }

  private void approve(String processInstanceId) throws Exception {
    var tasks =
        json.readTree(
            rest.get("/engine-rest/task?processInstanceId=" + processInstanceId, "bob").body());
    var done =
        rest.post(
            "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete",
            "bob",
            "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
  }
}
