package io.keyflow.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.support.AccessGrants;
import io.keyflow.support.RestClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The crypto API, the overdue listing and the demo clock over HTTP, on the software vault: real
 * AES-256-GCM, real refusals as problem details.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class KeyApiIT {

  @LocalServerPort int port;
  @Autowired KeyVault vault;
  @Autowired KeyRepository keys;
  @Autowired Clock clock;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(port);
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private KeyVersion newVersion(ManagedKey key, int number, KeyAlgorithm algorithm) {
    UUID id = UUID.randomUUID();
    VaultKey inVault =
        vault.generate(
            new KeySpec(
                id,
                "keyflow/" + key.alias() + "/v" + number,
                algorithm,
                false,
                key.purpose().vaultRole()));
    KeyVersion version =
        KeyVersion.activated(
            id,
            key.id(),
            number,
            vault.backend(),
            inVault.label(),
            inVault.kcv(),
            inVault.provenance(),
            clock.instant(),
            key.encryptPeriod(),
            "alice",
            "bob",
            null);
    keys.insert(version);
    keys.setPrimaryVersion(key.id(), id);
    return version;
  }

  private ManagedKey newKey(KeyAlgorithm algorithm, KeyPurpose purpose) {
    KeyPolicy policy = KeyPolicy.defaults(purpose);
    ManagedKey key =
        new ManagedKey(
            UUID.randomUUID(),
            "api-" + UUID.randomUUID().toString().substring(0, 8),
            purpose,
            algorithm,
            "alice",
            false,
            policy.encryptPeriod(),
            policy.retention(),
            "API test",
            null,
            clock.instant(),
            Environment.PRODUCTION);
    keys.insert(key);
    newVersion(key, 1, algorithm);
    if (purpose == KeyPurpose.DATA_AT_REST || purpose == KeyPurpose.DATA_IN_TRANSIT) {
      // The key user uses the key as its system would: under a grant an officer approved.
      AccessGrants.grant(rest, "app", key.alias(), "encrypt,decrypt");
    }
    return key;
  }

  /** v1 DEACTIVATED, v2 ACTIVE and primary: what a rotation leaves. */
  private KeyVersion rotate(ManagedKey key) {
    KeyVersion v1 = keys.findVersion(key.id(), 1).orElseThrow();
    keys.updateState(v1.deactivate(clock.instant(), key.retention()));
    return newVersion(key, 2, key.algorithm());
  }

  private JsonNode encrypt(String alias, String plaintext, String aad) throws Exception {
    HttpResponse<String> response =
        rest.post(
            "/api/keys/" + alias + "/encrypt",
            "app",
            "{\"plaintext\":\""
                + b64(plaintext)
                + "\""
                + (aad == null ? "" : ",\"aad\":\"" + b64(aad) + "\"")
                + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> decrypt(String alias, JsonNode encrypted, String aad) {
    return rest.post(
        "/api/keys/" + alias + "/decrypt",
        "app",
        "{\"version\":"
            + encrypted.get("version").asInt()
            + ",\"iv\":\""
            + encrypted.get("iv").asText()
            + "\",\"ciphertext\":\""
            + encrypted.get("ciphertext").asText()
            + "\""
            + (aad == null ? "" : ",\"aad\":\"" + b64(aad) + "\"")
            + "}");
  }

  private String plaintextOf(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new String(
        Base64.getDecoder().decode(json.readTree(response.body()).get("plaintext").asText()),
        StandardCharsets.UTF_8);
  }

  @Test
  void aKeyUserEncryptsWithThePrimaryVersionAndDecryptsWithTheVersionNamed() throws Exception {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    JsonNode encrypted = encrypt(key.alias(), "card 4111 1111 1111 1111", "order-42");
    assertThat(encrypted.get("version").asInt()).isEqualTo(1);
    assertThat(Base64.getDecoder().decode(encrypted.get("iv").asText())).hasSize(12);
    assertThat(encrypted.toString()).doesNotContain("4111");

    assertThat(plaintextOf(decrypt(key.alias(), encrypted, "order-42")))
        .isEqualTo("card 4111 1111 1111 1111");
  }

  @Test
  void afterRotationTheOldVersionStillDecryptsAndAfterDestructionItIsRefusedByName()
      throws Exception {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_IN_TRANSIT);
    JsonNode underV1 = encrypt(key.alias(), "session secret", null);
    KeyVersion v2 = rotate(key);

    assertThat(encrypt(key.alias(), "new data", null).get("version").asInt())
        .isEqualTo(v2.number());
    assertThat(plaintextOf(decrypt(key.alias(), underV1, null))).isEqualTo("session secret");

    KeyVersion v1 = keys.findVersion(key.id(), 1).orElseThrow();
    Instant destroyedAt = clock.instant().plus(Duration.ofDays(31));
    assertThat(vault.destroy(v1.id())).isTrue();
    keys.updateState(v1.destroy(destroyedAt));

    HttpResponse<String> refused = decrypt(key.alias(), underV1, null);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    JsonNode problem = json.readTree(refused.body());
    assertThat(problem.get("type").asText())
        .isEqualTo("https://keyflow.io/problems/version-not-usable");
    assertThat(problem.get("detail").asText())
        .isEqualTo(
            "Version 1 of key '"
                + key.alias()
                + "' was destroyed on "
                + destroyedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " and can no longer decrypt");
  }

  @Test
  void compromisedVersionsAreRefusedForBothOperations() throws Exception {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    JsonNode encrypted = encrypt(key.alias(), "x", null);
    KeyVersion v1 = keys.findVersion(key.id(), 1).orElseThrow();
    keys.updateState(v1.markCompromised(clock.instant()));

    HttpResponse<String> decrypt = decrypt(key.alias(), encrypted, null);
    assertThat(decrypt.statusCode()).isEqualTo(409);
    assertThat(decrypt.body())
        .contains("was reported compromised on")
        .contains("can no longer decrypt");
    HttpResponse<String> encrypt =
        rest.post(
            "/api/keys/" + key.alias() + "/encrypt", "app", "{\"plaintext\":\"" + b64("y") + "\"}");
    assertThat(encrypt.statusCode()).isEqualTo(409);
    assertThat(encrypt.body()).contains("can no longer encrypt");
  }

  @Test
  void badRequestsAreRefusedWithAReasonAndNeverEchoTheData() throws Exception {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    JsonNode encrypted = encrypt(key.alias(), "top secret", "right-aad");
    String alias = key.alias();

    HttpResponse<String> wrongAad = decrypt(alias, encrypted, "wrong-aad");
    assertThat(wrongAad.statusCode()).isEqualTo(422);
    assertThat(wrongAad.body())
        .contains("failed: the ciphertext, IV, AAD or tag do not match")
        .doesNotContain(encrypted.get("ciphertext").asText());

    assertThat(
            rest.post("/api/keys/" + alias + "/encrypt", "app", "{\"plaintext\":\"not base64!\"}")
                .body())
        .contains("plaintext is not valid base64");
    assertThat(rest.post("/api/keys/" + alias + "/encrypt", "app", "{}").body())
        .contains("plaintext is required (base64)");
    assertThat(
            rest.post(
                    "/api/keys/" + alias + "/decrypt",
                    "app",
                    "{\"iv\":\"AAAA\",\"ciphertext\":\"AAAA\"}")
                .body())
        .contains("version is required");
    HttpResponse<String> shortIv =
        rest.post(
            "/api/keys/" + alias + "/decrypt",
            "app",
            "{\"version\":1,\"iv\":\"AAAA\",\"ciphertext\":\""
                + encrypted.get("ciphertext").asText()
                + "\"}");
    assertThat(shortIv.statusCode()).isEqualTo(422);
    assertThat(shortIv.body()).contains("The IV must be 12 bytes; it is 3");

    HttpResponse<String> noSuchVersion =
        rest.post(
            "/api/keys/" + alias + "/decrypt",
            "app",
            "{\"version\":9,\"iv\":\"AAAA\",\"ciphertext\":\"AAAA\"}");
    assertThat(noSuchVersion.statusCode()).isEqualTo(404);
    assertThat(noSuchVersion.body()).contains("Key '" + alias + "' has no version 9");
    // No grant can name a key that does not exist: the answer is the grant refusal, which does
    // not tell whether the key exists.
    assertThat(
            rest.post(
                    "/api/keys/no-such-key/encrypt", "app", "{\"plaintext\":\"" + b64("x") + "\"}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void onlyAes256KeysEncrypt() throws Exception {
    ManagedKey signing = newKey(KeyAlgorithm.EC_P256, KeyPurpose.SIGNING);
    AccessGrants.register(rest, "app");
    HttpResponse<String> grant =
        rest.post(
            "/api/access/grants",
            "alice",
            "{\"system\":\"app\",\"alias\":\""
                + signing.alias()
                + "\",\"operations\":\"encrypt\",\"duration\":\"P1D\",\"justification\":\"x\"}");
    assertThat(grant.statusCode()).isEqualTo(422);
    assertThat(json.readTree(grant.body()).get("detail").asText())
        .isEqualTo(
            "Key '"
                + signing.alias()
                + "' is a SIGNING key and cannot encrypt; it can [sign, verify]");
    HttpResponse<String> response =
        rest.post(
            "/api/keys/" + signing.alias() + "/encrypt",
            "app",
            "{\"plaintext\":\"" + b64("x") + "\"}");
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void onlyKeyUsersMayEncryptOrDecrypt() {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    for (String user : new String[] {"alice", "bob", "dave", "admin"}) {
      HttpResponse<String> response =
          rest.post(
              "/api/keys/" + key.alias() + "/encrypt",
              user,
              "{\"plaintext\":\"" + b64("x") + "\"}");
      assertThat(response.statusCode()).as(user).isEqualTo(403);
      assertThat(response.body()).contains("key-user");
    }
    assertThat(
            rest.post("/api/keys/" + key.alias() + "/decrypt", "alice", "{\"version\":1}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void keysPastTheirProtectStopAreListedAsOverdue() throws Exception {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    assertThat(rest.get("/api/keys?overdue=true", "dave").body()).doesNotContain(key.alias());

    ClockUtil.offset(Duration.ofDays(366).toMillis());
    JsonNode overdue = json.readTree(rest.get("/api/keys?overdue=true", "dave").body());
    assertThat(overdue.findValuesAsText("alias")).contains(key.alias());
    assertThat(json.readTree(rest.get("/api/keys", "bob").body()).findValuesAsText("alias"))
        .contains(key.alias());

    rotate(key);
    assertThat(rest.get("/api/keys?overdue=true", "dave").body()).doesNotContain(key.alias());
  }

  @Test
  void onlyAnAdminMovesTheDemoClockAndOnlyForward() throws Exception {
    assertThat(rest.post("/api/demo/clock", "alice", "{\"advanceDays\":10}").statusCode())
        .isEqualTo(403);
    HttpResponse<String> backwards = rest.post("/api/demo/clock", "admin", "{\"advanceDays\":-1}");
    assertThat(backwards.statusCode()).isEqualTo(422);
    assertThat(backwards.body()).contains("only moves forward");

    HttpResponse<String> moved = rest.post("/api/demo/clock", "admin", "{\"advanceDays\":10}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    JsonNode view = json.readTree(moved.body());
    assertThat(view.get("offsetDays").asLong()).isEqualTo(10);
    assertThat(Duration.between(Instant.now(), clock.instant()))
        .isBetween(Duration.ofDays(10).minusMinutes(1), Duration.ofDays(10).plusMinutes(1));
    assertThat(json.readTree(rest.get("/api/demo/clock", "dave").body()).get("offsetDays").asLong())
        .isEqualTo(10);
  }
}
