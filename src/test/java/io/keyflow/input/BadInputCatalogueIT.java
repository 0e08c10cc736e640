package io.keyflow.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.support.AccessGrants;
import io.keyflow.support.RestClient;
import io.keyflow.support.TestCertificates;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The bad-input catalogue (issue 10): every kind of bad input to every way in — start variables of
 * every process, task completions, every {@code /api} body and parameter, PEMs and keys, the crypto
 * API, oversized and binary bodies, wrong content types — gets a 4xx with a clear message (or, for
 * a well-formed request that breaks a request rule, a modelled refusal end), never a 5xx, and
 * changes nothing: the ledger stays valid and grows by refusal entries at most, the vault holds no
 * new object, and no Keyflow or Camunda table gains a row. One Spring context, software vault, H2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCatalogueIT {

  @LocalServerPort int port;
  @Autowired KeyVault vault;
  @Autowired KeyRepository keys;
  @Autowired Ledger ledger;
  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService history;
  @Autowired Clock clock;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;
  CatalogueFixtures fixtures;
  StoreSnapshot store;
  final Map<String, WebappSession> webappSessions = new ConcurrentHashMap<>();

  @BeforeAll
  void fixtures() throws Exception {
    rest = new RestClient(port);
    store = new StoreSnapshot(jdbc, vault, ledger);
    String alias = "catalogue-" + UUID.randomUUID().toString().substring(0, 8);
    activeKey(alias);
    AccessGrants.grant(rest, "app", alias, "encrypt,decrypt");
    TestCertificates.Identity registered =
        TestCertificates.selfSigned("catalogue", TestCertificates.rsa("catalogue", 3072));
    String recipient = "catalogue-app";
    HttpResponse<String> registration =
        rest.post(
            "/api/recipients",
            "bob",
            CatalogueFixtures.registrationOf(recipient, registered.certificatePem()));
    assertThat(registration.statusCode()).as(registration.body()).isEqualTo(201);
    HttpResponse<String> started =
        rest.post(
            "/engine-rest/process-definition/key/KeyGeneration/start",
            "alice",
            EngineBadInputs.generation("alias", Json.var("alias", Json.str(alias + "-pending"))));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String instance = json.readTree(started.body()).get("id").asText();
    JsonNode tasks =
        json.readTree(rest.get("/engine-rest/task?processInstanceId=" + instance, "bob").body());
    fixtures =
        CatalogueFixtures.create(
            alias, recipient, tasks.get(0).get("id").asText(), instance, registered);
  }

  private void activeKey(String alias) {
    KeyPolicy policy = KeyPolicy.defaults(KeyPurpose.DATA_AT_REST);
    ManagedKey key =
        new ManagedKey(
            UUID.randomUUID(),
            alias,
            KeyPurpose.DATA_AT_REST,
            KeyAlgorithm.AES_256,
            "alice",
            false,
            policy.encryptPeriod(),
            policy.retention(),
            "catalogue",
            null,
            clock.instant(),
            Environment.PRODUCTION);
    keys.insert(key);
    UUID id = UUID.randomUUID();
    VaultKey inVault =
        vault.generate(
            new KeySpec(
                id,
                "keyflow/" + alias + "/v1",
                KeyAlgorithm.AES_256,
                false,
                KeyRole.DATA_ENCRYPTION));
    keys.insert(
        KeyVersion.activated(
            id,
            key.id(),
            1,
            vault.backend(),
            inVault.label(),
            inVault.kcv(),
            inVault.provenance(),
            clock.instant(),
            key.encryptPeriod(),
            "alice",
            "bob",
            null));
    keys.setPrimaryVersion(key.id(), id);
  }

  Stream<BadInput> catalogue() {
    return Stream.of(
            EngineBadInputs.all(fixtures),
            ApprovalBadInputs.all(fixtures),
            WebappBadInputs.all(fixtures),
            ApiBadInputs.all(fixtures))
        .flatMap(List::stream);
  }

  @Test
  void theCatalogueHoldsAtLeastSixtyBadInputs() {
    assertThat(catalogue().count()).isGreaterThanOrEqualTo(60);
    assertThat(catalogue().map(BadInput::name).distinct().count()).isEqualTo(catalogue().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void badInputIsRefusedWithAClearFourHundredAndChangesNothing(BadInput input) throws Exception {
    StoreSnapshot.Counts before = store.counts();
    HttpResponse<String> response = send(input);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(input.status());
    if (input.refusalEnd() == null) {
      assertClearRefusal(input, response);
      store.assertUnchanged(before, false);
    } else {
      String instance = json.readTree(response.body()).get("id").asText();
      assertThat(
              history
                  .createHistoricActivityInstanceQuery()
                  .processInstanceId(instance)
                  .activityId(input.refusalEnd())
                  .count())
          .as("ended on " + input.refusalEnd())
          .isEqualTo(1);
      store.assertUnchanged(before, true);
    }
  }

  private void assertClearRefusal(BadInput input, HttpResponse<String> response) throws Exception {
    String body = response.body();
    // A process definition id (key:version:uuid) is not a leak, though KeyDecryptException's reads
    // like a class name.
    String withoutDefinitionIds =
        body.replaceAll("\\b[A-Za-z][\\w-]*:\\d+:[0-9a-f-]{36}", "<definition>");
    assertThat(withoutDefinitionIds)
        .doesNotContain("java.", "Exception:", "ClassCast", "org.camunda", "SQL", "persistence");
    if (body.isEmpty()) {
      assertThat(input.says()).as("an empty answer cannot say anything").isEmpty();
      return;
    }
    JsonNode answer = json.readTree(body);
    if (input.engineRest() && !answer.has("detail")) {
      assertThat(answer.path("message").asText()).isNotBlank().contains(input.says());
    } else {
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .contains("application/problem+json");
      assertThat(answer.path("status").asInt()).isEqualTo(input.status());
      assertThat(answer.path("detail").asText()).isNotBlank().contains(input.says());
    }
  }

  private HttpResponse<String> send(BadInput input) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + input.path()));
    if (input.contentType() != null) {
      request.header("Content-Type", input.contentType());
    }
    request.method(
        input.method(),
        input.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(input.body()));
    if (input.webapp()) {
      return webappSessions
          .computeIfAbsent(input.user(), user -> WebappSession.login(port, user))
          .send(request);
    }
    return rest.send(request, input.user(), RestClient.PASSWORD);
  }
}
