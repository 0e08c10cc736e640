package io.keyflow.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.hsm.KeyCheckValues;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.net.ssl.SSLContext;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Key distribution end to end on the production shape — PostgreSQL, SoftHSM2 through PKCS#11, the
 * job executor, the distribution port with real mutual TLS — driven only by REST calls of the
 * people involved and the recipient's TLS client. The recipient unwraps the key with its private
 * key and checks the KCV; then every response, log line, history variable and database table is
 * searched for the key bytes, which must appear nowhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Closed before the JVM exits, while embedded PostgreSQL still runs (its shutdown hook would race
// Spring's).
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class KeyDistributionPostgresIT {

  private static final Identity SERVER =
      TestCertificates.selfSigned("localhost", TestCertificates.ec("server", "secp256r1"));
  private static final int TLS_PORT = freePort();

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) throws IOException {
    FullStack.register(registry, "distribution");
    Path dir =
        Files.createDirectories(
            Path.of("target", "distribution-tls", UUID.randomUUID().toString()));
    Path certificate = Files.writeString(dir.resolve("server.crt"), SERVER.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), SERVER.privateKeyPem());
    registry.add("keyflow.distribution.tls.port", () -> TLS_PORT);
    registry.add("keyflow.distribution.tls.certificate", certificate::toString);
    registry.add("keyflow.distribution.tls.private-key", key::toString);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService history;
  final ObjectMapper json = new ObjectMapper();
  final List<String> responses = new ArrayList<>();

  @Test
  void aKeyIsDistributedOverMutualTlsUnwrappedByItsRecipientAndNeverSeenInPlaintext(
      CapturedOutput output) throws Exception {
    RestClient rest = new RestClient(port);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String alias = "payments-db-" + suffix;
    String recipientName = "payments-app-" + suffix;

    // An officer registers the recipient with the certificate and key pair it made itself.
    Identity recipient =
        TestCertificates.selfSigned(recipientName, TestCertificates.rsa("payments-app", 3072));
    Identity other =
        TestCertificates.selfSigned("other-" + suffix, TestCertificates.rsa("other-app", 3072));
    Identity stranger =
        TestCertificates.selfSigned("stranger-" + suffix, TestCertificates.rsa("stranger", 3072));
    assertThat(
            call(rest.post("/api/recipients", "bob", registration(recipientName, recipient)))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            call(rest.post("/api/recipients", "bob", registration("other-" + suffix, other)))
                .statusCode())
        .isEqualTo(201);

    // Alice requests an exportable AES-256 key, Bob approves; SoftHSM generates it.
    var generation =
        call(
            rest.post(
                "/engine-rest/process-definition/key/KeyGeneration/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},"
                    + "\"algorithm\":{\"value\":\"AES-256\"},\"exportable\":{\"value\":true},"
                    + "\"justification\":{\"value\":\"Payments app encrypts card data locally\"}}}"));
    assertThat(generation.statusCode()).as(generation.body()).isEqualTo(200);
    complete(rest, onlyTask(rest, json.readTree(generation.body()).get("id").asText()), "bob");
    FullStack.await(
        "the key is ACTIVE",
        Duration.ofSeconds(60),
        () -> rest.get("/api/keys/" + alias, "dave").statusCode() == 200);
    JsonNode version =
        json.readTree(call(rest.get("/api/keys/" + alias, "dave")).body()).get("versions").get(0);
    String inventoryKcv = version.get("kcv").asText();
    assertThat(version.get("provenance").get("extractable").asBoolean()).isTrue();

    // Alice asks to distribute it to the recipient, Carol approves; SoftHSM wraps it (RSA-OAEP,
    // SHA-1 on SoftHSM).
    var distribution =
        call(
            rest.post(
                "/engine-rest/process-definition/key/KeyDistribution/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"recipient\":{\"value\":\""
                    + recipientName
                    + "\"}}}"));
    assertThat(distribution.statusCode()).as(distribution.body()).isEqualTo(200);
    String processInstanceId = json.readTree(distribution.body()).get("id").asText();
    String approvalTask = onlyTask(rest, processInstanceId);
    nobodyRedirectsTheRequest(rest, processInstanceId, approvalTask, "other-" + suffix);
    complete(rest, approvalTask, "carol");
    FullStack.await(
        "the package is held for pickup",
        Duration.ofSeconds(60),
        () -> rest.get("/api/distribution?alias=" + alias, "dave").body().contains("\"HELD\""));
    JsonNode held =
        json.readTree(call(rest.get("/api/distribution?alias=" + alias, "dave")).body()).get(0);
    String packageId = held.get("id").asText();
    assertThat(held.get("mechanism").asText()).isEqualTo("RSA-OAEP");
    assertThat(held.has("wrappedKey")).as("the wrapped bytes go to the recipient only").isFalse();
    String pickup = "https://localhost:" + TLS_PORT + "/api/distribution/" + packageId + "/package";

    // Another recipient's certificate, an unregistered one, no certificate, plain HTTP: refused.
    assertThat(tls(other, pickup).statusCode()).isEqualTo(403);
    assertThat(tls(stranger, pickup).statusCode()).isEqualTo(403);
    Throwable noCertificate = catchThrowable(() -> tls(null, pickup));
    assertThat(noCertificate)
        .as("the handshake requires a client certificate")
        .isInstanceOf(IOException.class);
    Throwable plainOnTlsPort =
        catchThrowable(
            () -> {
              var response =
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(
                                  URI.create(
                                      "http://localhost:"
                                          + TLS_PORT
                                          + "/api/distribution/"
                                          + packageId
                                          + "/package"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
              record(response.body());
              assertThat(response.statusCode()).isEqualTo(400);
            });
    assertThat(plainOnTlsPort == null || plainOnTlsPort instanceof IOException)
        .as(String.valueOf(plainOnTlsPort))
        .isTrue();
    var plain = call(rest.get("/api/distribution/" + packageId + "/package", "alice"));
    assertThat(plain.statusCode()).isEqualTo(403);
    assertThat(plain.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(tls(recipient, "https://localhost:" + TLS_PORT + "/api/keys/" + alias).statusCode())
        .as("the distribution port serves pickups only")
        .isEqualTo(404);

    // The recipient picks the package up over mutual TLS and unwraps it with its private key.
    var delivered = tls(recipient, pickup);
    assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
    assertThat(delivered.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    JsonNode delivery = json.readTree(delivered.body());
    assertThat(delivery.get("wrapping").get("mechanism").asText()).isEqualTo("RSA-OAEP");
    assertThat(delivery.get("wrapping").get("oaepHash").asText()).isEqualTo("SHA-1");
    assertThat(delivery.get("wrapping").get("mgf").asText()).isEqualTo("MGF1-SHA-1");
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(
        Cipher.DECRYPT_MODE,
        recipient.keyPair().getPrivate(),
        new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
    byte[] key = oaep.doFinal(Base64.getDecoder().decode(delivery.get("wrappedKey").asText()));
    assertThat(key).hasSize(32);
    assertThat(KeyCheckValues.ofAesKey(key))
        .isEqualTo(inventoryKcv)
        .isEqualTo(delivery.get("kcv").asText());

    // Once only.
    var twice = tls(recipient, pickup);
    assertThat(twice.statusCode()).isEqualTo(410);

    // The receipt: process ended "Key distributed", ledger KEY_DISTRIBUTED with TLS facts, holders
    // per version.
    FullStack.await(
        "the distribution has ended",
        Duration.ofSeconds(30),
        () ->
            rest.get("/engine-rest/history/process-instance/" + processInstanceId, "dave")
                .body()
                .contains("\"COMPLETED\""));
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId)
                .activityId(KeyDistributionProcess.END_DISTRIBUTED)
                .count())
        .isEqualTo(1);
    JsonNode ledger = json.readTree(call(rest.get("/api/ledger?alias=" + alias, "dave")).body());
    assertThat(ledger.findValuesAsText("action"))
        .containsSubsequence(
            "KEY_GENERATED",
            "KEY_DISTRIBUTION_REQUESTED",
            "KEY_DISTRIBUTION_APPROVED",
            "KEY_WRAPPED",
            "KEY_DISTRIBUTED");
    JsonNode receipt = null;
    for (JsonNode entry : ledger.get("entries")) {
      if ("KEY_DISTRIBUTED".equals(entry.get("action").asText())) {
        receipt = entry;
      }
    }
    assertThat(receipt).isNotNull();
    assertThat(receipt.get("actor").asText()).isEqualTo("recipient:" + recipientName);
    assertThat(receipt.toString())
        .contains(recipient.sha256())
        .contains("TLSv1.3")
        .contains(recipientName);
    JsonNode picked =
        json.readTree(call(rest.get("/api/distribution/" + packageId, "dave")).body());
    assertThat(picked.get("state").asText()).isEqualTo("PICKED_UP");
    assertThat(picked.get("peerCertificateSha256").asText()).isEqualTo(recipient.sha256());
    assertThat(picked.get("tlsCipherSuite").asText()).startsWith("TLS_");
    assertThat(
            jdbc.queryForObject(
                "SELECT wrapped_key FROM distribution_package WHERE id = ?",
                String.class,
                packageId))
        .isNull();
    JsonNode holders =
        json.readTree(call(rest.get("/api/keys/" + alias + "/holders", "dave")).body());
    assertThat(holders.get(0).get("holders").get(0).get("recipient").asText())
        .isEqualTo(recipientName);
    assertThat(
            json.readTree(call(rest.get("/api/ledger/verify", "dave")).body())
                .get("valid")
                .asBoolean())
        .isTrue();

    // Nowhere in plaintext: responses, log output, history variables, any database table.
    List<String> needles = needles(key);
    for (String body : responses) {
      assertNoKey(body, needles, "a response body");
    }
    assertNoKey(output.getAll(), needles, "the log output");
    var variables = history.createHistoricVariableInstanceQuery().list();
    assertThat(variables).hasSizeGreaterThan(20);
    variables.forEach(
        v -> assertNoValue(v.getValue(), key, needles, "history variable " + v.getName()));
    history
        .createHistoricDetailQuery()
        .variableUpdates()
        .list()
        .forEach(
            d ->
                assertNoValue(
                    ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getValue(),
                    key,
                    needles,
                    "history detail " + d.getId()));
    int tables = scanDatabase(key, needles);
    assertThat(tables).as("tables scanned").isGreaterThan(40);
  }

  @Test
  void aRecipientListsOnlyThePackagesWaitingForItsOwnCertificate() throws Exception {
    RestClient rest = new RestClient(port);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String ledgerKey = "ledger-db-" + suffix;
    String exportKey = "ledger-export-" + suffix;
    String first = "ledger-app-" + suffix;
    String second = "reports-app-" + suffix;
    Identity firstIdentity =
        TestCertificates.selfSigned(first, TestCertificates.rsa("payments-app", 3072));
    Identity secondIdentity =
        TestCertificates.selfSigned(second, TestCertificates.rsa("other-app", 3072));
    Identity stranger =
        TestCertificates.selfSigned("stranger-" + suffix, TestCertificates.rsa("stranger", 3072));
    assertThat(
            call(rest.post("/api/recipients", "bob", registration(first, firstIdentity)))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            call(rest.post("/api/recipients", "bob", registration(second, secondIdentity)))
                .statusCode())
        .isEqualTo(201);
    String listing = "https://localhost:" + TLS_PORT + "/api/distribution/packages";
    assertThat(json.readTree(tls(firstIdentity, listing).body()).get("packages"))
        .as("nothing waits yet")
        .isEmpty();

    // Two keys: both distributed to the first recipient, one to the second (one distribution of a
    // key to a recipient runs at a time).
    Map<String, String> kcvs = new LinkedHashMap<>();
    for (String alias : List.of(ledgerKey, exportKey)) {
      var generation =
          call(
              rest.post(
                  "/engine-rest/process-definition/key/KeyGeneration/start",
                  "alice",
                  "{\"variables\":{\"alias\":{\"value\":\""
                      + alias
                      + "\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},"
                      + "\"algorithm\":{\"value\":\"AES-256\"},\"exportable\":{\"value\":true},"
                      + "\"justification\":{\"value\":\"The ledger app encrypts its exports\"}}}"));
      assertThat(generation.statusCode()).as(generation.body()).isEqualTo(200);
      complete(rest, onlyTask(rest, json.readTree(generation.body()).get("id").asText()), "bob");
      FullStack.await(
          "the key is ACTIVE",
          Duration.ofSeconds(60),
          () -> rest.get("/api/keys/" + alias, "dave").statusCode() == 200);
      kcvs.put(
          alias,
          json.readTree(call(rest.get("/api/keys/" + alias, "dave")).body())
              .get("versions")
              .get(0)
              .get("kcv")
              .asText());
    }
    for (List<String> request :
        List.of(List.of(ledgerKey, first), List.of(exportKey, first), List.of(ledgerKey, second))) {
      var distribution =
          call(
              rest.post(
                  "/engine-rest/process-definition/key/KeyDistribution/start",
                  "alice",
                  "{\"variables\":{\"alias\":{\"value\":\""
                      + request.get(0)
                      + "\"},\"recipient\":{\"value\":\""
                      + request.get(1)
                      + "\"}}}"));
      assertThat(distribution.statusCode()).as(distribution.body()).isEqualTo(200);
      complete(
          rest, onlyTask(rest, json.readTree(distribution.body()).get("id").asText()), "carol");
    }
    Map<String, List<String>> byRecipient = new LinkedHashMap<>();
    for (String alias : kcvs.keySet()) {
      FullStack.await(
          "the packages of " + alias + " are held",
          Duration.ofSeconds(60),
          () ->
              rest.get("/api/distribution?alias=" + alias, "dave")
                          .body()
                          .split("\"HELD\"", -1)
                          .length
                      - 1
                  == (alias.equals(ledgerKey) ? 2 : 1));
      for (JsonNode held :
          json.readTree(call(rest.get("/api/distribution?alias=" + alias, "dave")).body())) {
        byRecipient
            .computeIfAbsent(held.get("recipient").asText(), r -> new ArrayList<>())
            .add(held.get("id").asText());
      }
    }

    // Each recipient lists its own packages, with what it needs to fetch and verify them, and
    // nothing else.
    var firstResponse = tls(firstIdentity, listing);
    assertThat(firstResponse.statusCode()).as(firstResponse.body()).isEqualTo(200);
    assertThat(firstResponse.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    JsonNode firstList = json.readTree(firstResponse.body());
    assertThat(firstList.get("recipient").asText()).isEqualTo(first);
    assertThat(firstList.get("limit").asInt()).isEqualTo(1000);
    assertThat(firstList.get("more").asBoolean()).isFalse();
    assertThat(firstList.get("packages").findValuesAsText("id"))
        .containsExactlyInAnyOrderElementsOf(byRecipient.get(first));
    assertThat(firstList.get("packages").findValuesAsText("alias"))
        .containsExactlyInAnyOrder(ledgerKey, exportKey);
    for (JsonNode waiting : firstList.get("packages")) {
      assertThat(waiting.get("version").asInt()).isEqualTo(1);
      assertThat(waiting.get("algorithm").asText()).isEqualTo("AES-256");
      assertThat(waiting.get("kcv").asText()).isEqualTo(kcvs.get(waiting.get("alias").asText()));
      assertThat(waiting.get("mechanism").asText()).isEqualTo("RSA-OAEP");
      assertThat(waiting.get("expiresAt").asText()).isNotBlank();
      assertThat(waiting.get("pickup").asText())
          .isEqualTo("/api/distribution/" + waiting.get("id").asText() + "/package");
      assertThat(waiting.has("wrappedKey"))
          .as("the listing never carries the wrapped bytes")
          .isFalse();
    }
    JsonNode secondList = json.readTree(tls(secondIdentity, listing).body());
    assertThat(secondList.get("recipient").asText()).isEqualTo(second);
    assertThat(secondList.get("packages").findValuesAsText("id"))
        .containsExactlyElementsOf(byRecipient.get(second));

    // An unregistered certificate, the ordinary port, and plain HTTP on the distribution port are
    // refused.
    var strangerResponse = tls(stranger, listing);
    assertThat(strangerResponse.statusCode()).isEqualTo(403);
    assertThat(strangerResponse.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    assertThat(json.readTree(strangerResponse.body()).get("detail").asText())
        .contains("not registered");
    var ordinaryPort = call(rest.get("/api/distribution/packages", "dave"));
    assertThat(ordinaryPort.statusCode()).isEqualTo(403);
    assertThat(ordinaryPort.body()).doesNotContain(ledgerKey);
    Throwable plainOnTlsPort =
        catchThrowable(
            () -> {
              var response =
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(
                                  URI.create(
                                      "http://localhost:"
                                          + TLS_PORT
                                          + "/api/distribution/packages"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
              assertThat(response.statusCode()).isEqualTo(400);
              assertThat(response.body()).doesNotContain(ledgerKey);
            });
    assertThat(plainOnTlsPort == null || plainOnTlsPort instanceof IOException)
        .as(String.valueOf(plainOnTlsPort))
        .isTrue();

    // The agent's loop: list, fetch; a fetched package leaves the list, the other stays.
    String fetched = firstList.get("packages").get(0).get("id").asText();
    var delivered =
        tls(
            firstIdentity,
            "https://localhost:"
                + TLS_PORT
                + firstList.get("packages").get(0).get("pickup").asText());
    assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
    assertThat(json.readTree(delivered.body()).get("packageId").asText()).isEqualTo(fetched);
    List<String> left =
        json.readTree(tls(firstIdentity, listing).body()).get("packages").findValuesAsText("id");
    assertThat(left)
        .doesNotContain(fetched)
        .hasSize(1)
        .containsAnyElementsOf(byRecipient.get(first));
    assertThat(
            json.readTree(tls(secondIdentity, listing).body())
                .get("packages")
                .findValuesAsText("id"))
        .containsExactlyElementsOf(byRecipient.get(second));

    // A revoked recipient lists nothing.
    var revoke =
        call(
            rest.post(
                "/api/recipients/" + second + "/revoke", "bob", "{\"reason\":\"Decommissioned\"}"));
    assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
    var revoked = tls(secondIdentity, listing);
    assertThat(revoked.statusCode()).isEqualTo(403);
    assertThat(revoked.body()).contains("revoked").doesNotContain(byRecipient.get(second).get(0));
  }

  private String registration(String name, Identity identity) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("environment", "PRODUCTION");
    body.put("certificatePem", identity.certificatePem());
    return json.writeValueAsString(body);
  }

  private HttpResponse<String> call(HttpResponse<String> response) {
    record(response.body());
    return response;
  }

  private void record(String body) {
    responses.add(body == null ? "" : body);
  }

  /**
   * Carol tries to send the requested package to another registered recipient: with the approval,
   * as a process variable, as a task variable (local too); the administrator tries too. Every
   * attempt is refused with 400 naming the variable, and the request stays as alice made it.
   */
  private void nobodyRedirectsTheRequest(
      RestClient rest, String processInstanceId, String taskId, String other) throws Exception {
    String value = "{\"value\":\"" + other + "\"}";
    var withApproval =
        call(
            rest.post(
                "/engine-rest/task/" + taskId + "/complete",
                "carol",
                "{\"variables\":{\"approved\":{\"value\":true},\"recipient\":" + value + "}}"));
    assertThat(withApproval.statusCode()).as(withApproval.body()).isEqualTo(400);
    assertThat(withApproval.body()).contains("'recipient'");
    var viaForm =
        call(
            rest.post(
                "/engine-rest/task/" + taskId + "/submit-form",
                "carol",
                "{\"variables\":{\"approved\":{\"value\":true},\"recipient\":" + value + "}}"));
    assertThat(viaForm.statusCode()).as(viaForm.body()).isEqualTo(400);
    for (String user : List.of("carol", "admin")) {
      for (String path :
          List.of(
              "/engine-rest/process-instance/" + processInstanceId + "/variables/recipient",
              "/engine-rest/task/" + taskId + "/variables/recipient",
              "/engine-rest/task/" + taskId + "/localVariables/recipient")) {
        var put = call(rest.put(path, user, value));
        assertThat(put.statusCode()).as(user + " PUT " + path + ": " + put.body()).isEqualTo(400);
        assertThat(put.body()).contains("recipient");
      }
      var modify =
          call(
              rest.post(
                  "/engine-rest/process-instance/" + processInstanceId + "/variables",
                  user,
                  "{\"modifications\":{\"recipient\":" + value + "}}"));
      assertThat(modify.statusCode()).as(user + " POST variables: " + modify.body()).isEqualTo(400);
    }
    JsonNode recipient =
        json.readTree(
            call(rest.get(
                    "/engine-rest/process-instance/" + processInstanceId + "/variables/recipient",
                    "bob"))
                .body());
    assertThat(recipient.get("value").asText()).isNotEqualTo(other);
  }

  private String onlyTask(RestClient rest, String processInstanceId) throws Exception {
    JsonNode tasks =
        json.readTree(
            call(rest.get("/engine-rest/task?processInstanceId=" + processInstanceId, "bob"))
                .body());
    assertThat(tasks).hasSize(1);
    return tasks.get(0).get("id").asText();
  }

  private void complete(RestClient rest, String taskId, String officer) {
    var response =
        call(
            rest.post(
                "/engine-rest/task/" + taskId + "/complete",
                officer,
                "{\"variables\":{\"approved\":{\"value\":true}}}"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
  }

  /**
   * A GET over mutual TLS presenting {@code client} (or no certificate), trusting only the test
   * server certificate.
   */
  private HttpResponse<String> tls(Identity client, String url)
      throws IOException, InterruptedException {
    SSLContext context = TestCertificates.clientContext(client, SERVER.certificate());
    HttpClient http =
        HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    record(response.body());
    return response;
  }

  private static List<String> needles(byte[] key) {
    String hex = HexFormat.of().formatHex(key);
    return List.of(
        hex,
        hex.toUpperCase(Locale.ROOT),
        Base64.getEncoder().encodeToString(key),
        Base64.getEncoder().withoutPadding().encodeToString(key),
        Base64.getUrlEncoder().withoutPadding().encodeToString(key),
        new String(key, StandardCharsets.ISO_8859_1));
  }

  private static void assertNoKey(String text, List<String> needles, String where) {
    if (text == null) {
      return;
    }
    for (String needle : needles) {
      assertThat(text.contains(needle)).as("key material in " + where).isFalse();
    }
  }

  private static void assertNoValue(Object value, byte[] key, List<String> needles, String where) {
    if (value instanceof byte[] bytes) {
      assertNoKeyBytes(bytes, key, where);
    } else if (value != null) {
      assertNoKey(String.valueOf(value), needles, where);
    }
  }

  private static void assertNoKeyBytes(byte[] haystack, byte[] key, String where) {
    assertThat(indexOf(haystack, key)).as("raw key bytes in " + where).isEqualTo(-1);
    assertNoKey(new String(haystack, StandardCharsets.ISO_8859_1), needles(key), where);
  }

  /** Every value of every table of the application's database, text and binary alike. */
  private int scanDatabase(byte[] key, List<String> needles) {
    List<String> tables =
        jdbc.queryForList(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
            String.class);
    for (String table : tables) {
      jdbc.query(
          "SELECT * FROM " + table,
          rs -> {
            int columns = rs.getMetaData().getColumnCount();
            for (int i = 1; i <= columns; i++) {
              Object value = rs.getObject(i);
              String where = table + "." + rs.getMetaData().getColumnName(i);
              if (value instanceof byte[] bytes) {
                assertNoKeyBytes(bytes, key, where);
              } else if (value != null) {
                assertNoKey(value.toString(), needles, where);
              }
            }
          });
    }
    return tables.size();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
