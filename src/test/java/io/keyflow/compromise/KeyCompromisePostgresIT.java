package io.keyflow.compromise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.distribution.KeyDistributionProcess;
import io.keyflow.hsm.KeyCheckValues;
import io.keyflow.hsm.KeyVault;
import io.keyflow.support.AccessGrants;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.net.ssl.SSLContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A key compromise end to end on the production shape — PostgreSQL, SoftHSM2 through PKCS#11, the
 * job executor, the distribution port with real mutual TLS — driven only by REST calls of the
 * people involved and the recipient's TLS client: a key generated and distributed is reported,
 * refused for encryption at once, confirmed, rotated in the HSM and redistributed to its holder,
 * and its compromised version destroyed with two approvals after the re-encryption window.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KeyCompromisePostgresIT {

  static final Duration WAIT = Duration.ofSeconds(90);
  private static final Identity SERVER =
      TestCertificates.selfSigned("localhost", TestCertificates.ec("server", "secp256r1"));
  private static final int TLS_PORT = freePort();

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) throws IOException {
    FullStack.register(registry, "compromise");
    Path dir =
        Files.createDirectories(Path.of("target", "compromise-tls", UUID.randomUUID().toString()));
    Path certificate = Files.writeString(dir.resolve("server.crt"), SERVER.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), SERVER.privateKeyPem());
    registry.add("keyflow.distribution.tls.port", () -> TLS_PORT);
    registry.add("keyflow.distribution.tls.certificate", certificate::toString);
    registry.add("keyflow.distribution.tls.private-key", key::toString);
  }

  @LocalServerPort int port;
  @Autowired KeyVault vault;
  final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void aReportedKeyIsRefusedAtOnceRotatedRedistributedOverMutualTlsAndDestroyedAfterTheWindow()
      throws Exception {
    RestClient rest = new RestClient(port);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String alias = "payments-db-" + suffix;
    String holderName = "payments-app-" + suffix;
    Identity holder =
        TestCertificates.selfSigned(holderName, TestCertificates.rsa("payments-app", 3072));
    post(rest, "/api/recipients", "bob", registration(holderName, holder), 201);

    // Generated in SoftHSM2 (alice requests, bob approves) and distributed to the holder over
    // mutual TLS.
    JsonNode generation =
        json.readTree(
            post(
                rest,
                "/engine-rest/process-definition/key/KeyGeneration/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},"
                    + "\"algorithm\":{\"value\":\"AES-256\"},\"exportable\":{\"value\":true},"
                    + "\"justification\":{\"value\":\"Payments app encrypts card data locally\"}}}",
                200));
    complete(
        rest,
        openTask(rest, generation.get("id").asText(), "Task_ApproveKeyGeneration"),
        "bob",
        null);
    JsonNode v1 =
        await(
            "version 1 ACTIVE",
            () -> version(rest, alias, 1),
            v -> v != null && "ACTIVE".equals(v.get("state").asText()));
    AccessGrants.grant(rest, "app", alias, "encrypt,decrypt");
    JsonNode distribution =
        json.readTree(
            post(
                rest,
                "/engine-rest/process-definition/key/KeyDistribution/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"recipient\":{\"value\":\""
                    + holderName
                    + "\"}}}",
                200));
    complete(
        rest,
        openTask(rest, distribution.get("id").asText(), KeyDistributionProcess.TASK_APPROVE),
        "carol",
        null);
    byte[] first = pickUp(rest, alias, holder, 1);
    assertThat(KeyCheckValues.ofAesKey(first)).isEqualTo(v1.get("kcv").asText());
    String ciphertext =
        post(
            rest,
            "/api/keys/" + alias + "/encrypt",
            "app",
            "{\"plaintext\":\"" + b64("card 4111") + "\"}",
            200);
    assertThat(json.readTree(ciphertext).get("version").asInt()).isEqualTo(1);

    // Alice reports it; encrypt is refused right after the report returns, naming the compromise.
    long reportedAt = System.nanoTime();
    JsonNode report =
        json.readTree(
            post(
                rest,
                "/engine-rest/process-definition/key/KeyCompromise/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"versions\":{\"value\":\"all\"},"
                    + "\"reason\":{\"value\":\"Key file found in a public paste\"},\"evidence\":{\"value\":\"paste 8f2k\"}}}",
                200));
    var refused =
        rest.post(
            "/api/keys/" + alias + "/encrypt",
            "app",
            "{\"plaintext\":\"" + b64("card 4242") + "\"}");
    long containedMillis = (System.nanoTime() - reportedAt) / 1_000_000;
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json.readTree(refused.body()).get("detail").asText())
        .startsWith("Version 1 of key '" + alias + "' was reported compromised on");
    assertThat(containedMillis).as("report to refused encrypt, ms").isLessThan(1000);
    JsonNode contained = version(rest, alias, 1);
    assertThat(contained.get("state").asText()).isEqualTo("COMPROMISED");
    assertThat(contained.get("compromisedAt").isNull()).isFalse();
    var decrypt =
        rest.post("/api/keys/" + alias + "/decrypt", "app", decryptBody(json.readTree(ciphertext)));
    assertThat(decrypt.statusCode()).isEqualTo(409);

    // Carol confirms (alice, the reporter, could not); the HSM makes version 2, primary at once.
    String reportId = report.get("id").asText();
    String confirm = openTask(rest, reportId, KeyCompromiseProcess.TASK_CONFIRM);
    assertThat(
            rest.post(
                    "/engine-rest/task/" + confirm + "/complete",
                    "alice",
                    "{\"variables\":{\"approved\":{\"value\":true}}}")
                .statusCode())
        .isEqualTo(403);
    complete(rest, confirm, "carol", "Paste confirmed");
    JsonNode v2 =
        await(
            "version 2 ACTIVE",
            () -> version(rest, alias, 2),
            v -> v != null && "ACTIVE".equals(v.get("state").asText()));
    assertThat(v2.get("primary").asBoolean()).isTrue();
    assertThat(version(rest, alias, 1).get("state").asText()).isEqualTo("COMPROMISED");
    assertThat(
            json.readTree(
                    post(
                        rest,
                        "/api/keys/" + alias + "/encrypt",
                        "app",
                        "{\"plaintext\":\"" + b64("x") + "\"}",
                        200))
                .get("version")
                .asInt())
        .isEqualTo(2);

    // Data recovery: bob grants alice a 2-hour decrypt-only exception; app decrypts the old record
    // with the compromised version, each use in the ledger; new data still goes to version 2.
    JsonNode exception =
        json.readTree(
            post(
                rest,
                "/engine-rest/process-definition/key/KeyDecryptException/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"version\":{\"value\":\"1\"},"
                    + "\"operation\":{\"value\":\"decrypt\"},\"hours\":{\"value\":2},"
                    + "\"reason\":{\"value\":\"Re-encrypt the card vault under version 2\"}}}",
                200));
    complete(
        rest,
        openTask(rest, exception.get("id").asText(), KeyDecryptExceptionProcess.TASK_APPROVE),
        "bob",
        null);
    JsonNode recovered =
        json.readTree(
            post(
                rest,
                "/api/keys/" + alias + "/decrypt",
                "app",
                decryptBody(json.readTree(ciphertext)),
                200));
    assertThat(
            new String(
                Base64.getDecoder().decode(recovered.get("plaintext").asText()),
                StandardCharsets.UTF_8))
        .isEqualTo("card 4111");
    assertThat(
            json.readTree(
                    post(
                        rest,
                        "/api/keys/" + alias + "/encrypt",
                        "app",
                        "{\"plaintext\":\"" + b64("y") + "\"}",
                        200))
                .get("version")
                .asInt())
        .isEqualTo(2);

    // The holder receives version 2 through KeyDistribution (bob approves) over mutual TLS.
    String redistribution =
        await("the redistribution", () -> calledBy(rest, reportId), id -> id != null);
    complete(
        rest, openTask(rest, redistribution, KeyDistributionProcess.TASK_APPROVE), "bob", null);
    byte[] second = pickUp(rest, alias, holder, 2);
    assertThat(KeyCheckValues.ofAesKey(second)).isEqualTo(v2.get("kcv").asText());

    // After the 30-day re-encryption window version 1 is destroyed with two approvals.
    await(
        "the redistribution has ended",
        () ->
            read(rest, "/engine-rest/process-instance?superProcessInstance=" + reportId, "bob")
                .size(),
        running -> running == 0);
    post(rest, "/api/demo/clock", "admin", "{\"advanceDays\":31}", 200);
    String destruction =
        await("the destruction starts", () -> calledBy(rest, reportId), id -> id != null);
    complete(
        rest, openTask(rest, destruction, KeyDestructionProcess.TASK_FIRST_APPROVAL), "bob", null);
    complete(
        rest,
        openTask(rest, destruction, KeyDestructionProcess.TASK_SECOND_APPROVAL),
        "carol",
        null);
    await(
        "version 1 DESTROYED_COMPROMISED",
        () -> version(rest, alias, 1),
        v -> "DESTROYED_COMPROMISED".equals(v.get("state").asText()));
    assertThat(vault.find(UUID.fromString(v1.get("id").asText()))).isEmpty();
    assertThat(
            rest.post(
                    "/api/keys/" + alias + "/decrypt",
                    "app",
                    decryptBody(json.readTree(ciphertext)))
                .statusCode())
        .as("the exception has expired and the version is destroyed")
        .isEqualTo(409);
    assertThat(vault.find(UUID.fromString(v2.get("id").asText()))).isPresent();

    // The key's owner acknowledges the task to re-encrypt (it held nothing up); nobody else can.
    String owner =
        json.readTree(rest.get("/api/keys/" + alias, "dave").body()).get("owner").asText();
    String ownerTask =
        await(
            "the owner's task",
            () -> {
              JsonNode tasks =
                  read(
                      rest,
                      "/engine-rest/task?processInstanceId="
                          + reportId
                          + "&taskDefinitionKey="
                          + KeyCompromiseProcess.TASK_OWNER_ACKNOWLEDGE,
                      owner);
              return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
            },
            id -> id != null);
    String acknowledged = "{\"variables\":{\"acknowledged\":{\"value\":true}}}";
    String other = "carol".equals(owner) ? "bob" : "carol";
    assertThat(
            rest.post("/engine-rest/task/" + ownerTask + "/complete", other, acknowledged)
                .statusCode())
        .isEqualTo(403);
    post(rest, "/engine-rest/task/" + ownerTask + "/complete", owner, acknowledged, 204);

    JsonNode verification = json.readTree(rest.get("/api/ledger/verify", "dave").body());
    assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
    JsonNode entries =
        json.readTree(rest.get("/api/ledger?alias=" + alias, "dave").body()).get("entries");
    assertThat(entries.findValuesAsText("action"))
        .containsSubsequence(
            "KEY_GENERATED",
            "KEY_DISTRIBUTED",
            "KEY_COMPROMISE_REPORTED",
            "KEY_COMPROMISED",
            "KEY_COMPROMISE_CONFIRMED",
            "KEY_COMPROMISE_HOLDER_NOTIFIED",
            "KEY_ROTATED",
            "KEY_DECRYPT_EXCEPTION_APPROVED",
            "KEY_DECRYPT_EXCEPTION_USED",
            "KEY_DISTRIBUTED",
            "KEY_DESTRUCTION_REQUESTED",
            "KEY_DESTRUCTION_APPROVED",
            "KEY_DESTRUCTION_APPROVED",
            "KEY_DESTROYED",
            "KEY_COMPROMISE_OWNER_ACKNOWLEDGED");
    assertThat(entries.findValuesAsText("action")).contains("KEY_DECRYPT_EXCEPTION_EXPIRED");
    await(
        "the compromise has ended",
        () -> read(rest, "/engine-rest/history/process-instance/" + reportId, "dave"),
        h -> "COMPLETED".equals(h.path("state").asText()));
  }

  // ---- helpers ----

  /**
   * Waits for the package of {@code version} to be HELD, fetches it over mutual TLS and unwraps it.
   */
  private byte[] pickUp(RestClient rest, String alias, Identity recipient, int version)
      throws Exception {
    String packageId =
        await(
            "package of version " + version + " held",
            () -> {
              for (JsonNode p : read(rest, "/api/distribution?alias=" + alias, "dave")) {
                if (p.get("version").asInt() == version && "HELD".equals(p.get("state").asText())) {
                  return p.get("id").asText();
                }
              }
              return null;
            },
            id -> id != null);
    SSLContext context = TestCertificates.clientContext(recipient, SERVER.certificate());
    HttpClient http =
        HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    var response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://localhost:"
                            + TLS_PORT
                            + "/api/distribution/"
                            + packageId
                            + "/package"))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(
        Cipher.DECRYPT_MODE,
        recipient.keyPair().getPrivate(),
        new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
    return oaep.doFinal(
        Base64.getDecoder().decode(json.readTree(response.body()).get("wrappedKey").asText()));
  }

  private String calledBy(RestClient rest, String processInstanceId) {
    JsonNode called =
        read(
            rest, "/engine-rest/process-instance?superProcessInstance=" + processInstanceId, "bob");
    return called.size() == 1 ? called.get(0).get("id").asText() : null;
  }

  private String post(RestClient rest, String path, String user, String body, int expectedStatus) {
    var response = rest.post(path, user, body);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(expectedStatus);
    return response.body();
  }

  private void complete(RestClient rest, String taskId, String officer, String comment) {
    String commentField = comment == null ? "" : ",\"comment\":{\"value\":\"" + comment + "\"}";
    post(
        rest,
        "/engine-rest/task/" + taskId + "/complete",
        officer,
        "{\"variables\":{\"approved\":{\"value\":true}" + commentField + "}}",
        204);
  }

  private String openTask(RestClient rest, String processInstanceId, String taskDefinitionKey) {
    return await(
        "task " + taskDefinitionKey,
        () -> {
          JsonNode tasks =
              read(
                  rest,
                  "/engine-rest/task?processInstanceId="
                      + processInstanceId
                      + "&taskDefinitionKey="
                      + taskDefinitionKey,
                  "bob");
          return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
        },
        id -> id != null);
  }

  private JsonNode version(RestClient rest, String alias, int number) {
    var response = rest.get("/api/keys/" + alias, "dave");
    if (response.statusCode() != 200) {
      return null;
    }
    try {
      for (JsonNode version : json.readTree(response.body()).get("versions")) {
        if (version.get("version").asInt() == number) {
          return version;
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode read(RestClient rest, String path, String user) {
    try {
      return json.readTree(rest.get(path, user).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String registration(String name, Identity identity) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("environment", "PRODUCTION");
    body.put("certificatePem", identity.certificatePem());
    return json.writeValueAsString(body);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decryptBody(JsonNode encrypted) {
    return "{\"version\":"
        + encrypted.get("version").asInt()
        + ",\"iv\":\""
        + encrypted.get("iv").asText()
        + "\",\"ciphertext\":\""
        + encrypted.get("ciphertext").asText()
        + "\"}";
  }

  /** Polls (bounded) until the job executor has done its part and {@code ready} holds. */
  private <T> T await(
      String what, java.util.function.Supplier<T> probe, java.util.function.Predicate<T> ready) {
    Object[] last = new Object[1];
    FullStack.await(
        what,
        WAIT,
        () -> {
          T value = probe.get();
          last[0] = value;
          return value != null && ready.test(value);
        });
    @SuppressWarnings("unchecked")
    T value = (T) last[0];
    return value;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
