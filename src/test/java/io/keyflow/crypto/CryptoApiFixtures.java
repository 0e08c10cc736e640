package io.keyflow.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.VaultKey;
import io.keyflow.hsm.pkcs11.SoftHsmToken;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.support.RestClient;
import io.keyflow.support.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The crypto API's tests share this: Keyflow on a SoftHSM2 token of the test class's own (PKCS#11
 * backend, an in-memory database), the calling system {@code app} (the demo key-user) registered,
 * keys made in the HSM as generation would leave them, and grants requested by alice and approved
 * by bob through the grant process's REST API, as an engineer and an officer would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class CryptoApiFixtures {

  static final String SYSTEM = "app";

  /** The calling system's client certificate, registered with it. */
  static final TestCertificates.Identity CERTIFICATE =
      TestCertificates.selfSigned(SYSTEM, TestCertificates.rsa(SYSTEM, 3072));

  @DynamicPropertySource
  static void softHsm(DynamicPropertyRegistry registry) throws IOException {
    SoftHsmToken token = SoftHsmToken.create("crypto-api");
    Path pin = Path.of("target", "softhsm", token.label + ".pin").toAbsolutePath();
    Files.writeString(pin, SoftHsmToken.USER_PIN);
    registry.add("keyflow.hsm.backend", () -> "pkcs11");
    registry.add("keyflow.hsm.pkcs11.module", () -> SoftHsmToken.MODULE.toString());
    registry.add("keyflow.hsm.pkcs11.token-label", () -> token.label);
    registry.add("keyflow.hsm.pkcs11.pin-file", pin::toString);
    registry.add("keyflow.hsm.pkcs11.oaep-hash", () -> "SHA1");
  }

  @LocalServerPort int port;
  @Autowired KeyVault vault;
  @Autowired KeyRepository keys;
  @Autowired Clock clock;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;

  @BeforeEach
  void registerTheCallingSystem() throws Exception {
    rest = new RestClient(port);
    if (rest.get("/api/recipients/" + SYSTEM, "bob").statusCode() == 200) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", SYSTEM);
    body.put("environment", "PRODUCTION");
    body.put("certificatePem", CERTIFICATE.certificatePem());
    HttpResponse<String> registered =
        rest.post("/api/recipients", "bob", json.writeValueAsString(body));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
  }

  /** A key with version 1 ACTIVE and primary, generated in the HSM for its purpose. */
  ManagedKey newKey(KeyAlgorithm algorithm, KeyPurpose purpose) {
    KeyPolicy policy = KeyPolicy.defaults(purpose);
    ManagedKey key =
        new ManagedKey(
            UUID.randomUUID(),
            "crypto-" + UUID.randomUUID().toString().substring(0, 8),
            purpose,
            algorithm,
            "alice",
            false,
            policy.encryptPeriod(),
            policy.retention(),
            "Crypto API test",
            null,
            clock.instant(),
            Environment.PRODUCTION);
    keys.insert(key);
    newVersion(key, 1);
    return key;
  }

  /** What a rotation leaves: version 1 DEACTIVATED, a new version ACTIVE and primary. */
  KeyVersion rotate(ManagedKey key) {
    KeyVersion v1 = keys.findVersion(key.id(), 1).orElseThrow();
    keys.updateState(v1.deactivate(clock.instant(), key.retention()));
    return newVersion(key, 2);
  }

  KeyVersion version(ManagedKey key, int number) {
    return keys.findVersion(key.id(), number).orElseThrow();
  }

  /** A new ACTIVE version, made primary; the others keep their state. */
  KeyVersion newVersion(ManagedKey key, int number) {
    UUID id = UUID.randomUUID();
    VaultKey inVault =
        vault.generate(
            new KeySpec(
                id,
                "keyflow/" + key.alias() + "/v" + number,
                key.algorithm(),
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

  /** Alice requests {@code operations} on the key for {@link #SYSTEM}; bob approves. */
  void grant(ManagedKey key, String... operations) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("system", SYSTEM);
    body.put("alias", key.alias());
    body.put("operations", List.of(operations));
    body.put("duration", "P30D");
    body.put("justification", "The crypto API test uses this key");
    HttpResponse<String> requested =
        rest.post("/api/access/grants", "alice", json.writeValueAsString(body));
    assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
    String instance = json.readTree(requested.body()).get("processInstanceId").asText();
    JsonNode tasks =
        json.readTree(rest.get("/engine-rest/task?processInstanceId=" + instance, "bob").body());
    assertThat(tasks.size()).as(tasks.toString()).isEqualTo(1);
    HttpResponse<String> approved =
        rest.post(
            "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete",
            "bob",
            "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
  }

  /** POSTs as {@link #SYSTEM} and expects 200. */
  JsonNode ok(String path, String body) throws Exception {
    HttpResponse<String> response = rest.post(path, SYSTEM, body);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** POSTs as {@link #SYSTEM}, expects a problem with {@code status}, answers its detail. */
  String refused(String path, String body, int status) throws Exception {
    HttpResponse<String> response = rest.post(path, SYSTEM, body);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    return json.readTree(response.body()).get("detail").asText();
  }

  String body(Object... namesAndValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      body.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static byte[] unb64(JsonNode node) {
    return Base64.getDecoder().decode(node.asText());
  }
}
