package io.keyflow.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.support.RestClient;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The registry of systems over REST ({@code /api/systems}, and {@code /api/recipients} as before):
 * owner and description, several certificates, systems without a certificate, and every refusal a
 * 4xx that changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RecordApplicationEvents
class SystemsApiIT {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RecipientRegistry registry;
  @Autowired ApplicationEvents events;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(port);
  }

  private static String name() {
    return "sys-" + SEQUENCE.incrementAndGet();
  }

  private static Identity rsa3072(String name) {
    return TestCertificates.selfSigned(name, TestCertificates.rsa("systems", 3072));
  }

  private String body(Map<String, Object> fields) {
    try {
      return json.writeValueAsString(fields);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> system(String name, String certificatePem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("environment", "PRODUCTION");
    body.put("certificatePem", certificatePem);
    return body;
  }

  private int systems() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM recipient", Integer.class);
  }

  private void assertRefused(HttpResponse<String> response, int status, String detail)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    assertThat(json.readTree(response.body()).get("detail").asText()).contains(detail);
  }

  @Test
  void ownerAndDescriptionAreStoredShownUpdatedAndInTheLedger() throws Exception {
    String name = name();
    String pem = rsa3072(name).certificatePem();
    Map<String, Object> fields = system(name, pem);
    fields.put("owner", "erin@example.org");
    fields.put("description", "Payments ledger service");
    var created = rest.post("/api/recipients", "bob", body(fields));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode view = json.readTree(created.body());
    assertThat(view.get("owner").asText()).isEqualTo("erin@example.org");
    assertThat(view.get("description").asText()).isEqualTo("Payments ledger service");
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM ledger_entry WHERE action = 'RECIPIENT_REGISTERED' AND details LIKE ?",
                String.class,
                "%\"" + name + "\"%"))
        .contains("\"owner\":\"erin@example.org\"");

    var kept =
        rest.put(
            "/api/recipients/" + name,
            "carol",
            body(Map.of("certificatePem", pem, "description", "Payments")));
    assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
    assertThat(json.readTree(kept.body()).get("owner").asText()).isEqualTo("erin@example.org");
    assertThat(json.readTree(kept.body()).get("description").asText()).isEqualTo("Payments");
    assertThat(
            json.readTree(rest.get("/api/recipients/" + name, "dave").body())
                .get("description")
                .asText())
        .isEqualTo("Payments");
  }

  @Test
  void badOwnersAndDescriptionsAreRefusedAndNothingIsRegistered() throws Exception {
    int before = systems();
    String name = name();
    Map<String, Object> fields = system(name, rsa3072(name).certificatePem());
    fields.put("owner", "erin smith; DROP TABLE");
    assertRefused(rest.post("/api/recipients", "bob", body(fields)), 422, "owner must be");
    fields.put("owner", "erin");
    fields.put("description", "x".repeat(2001));
    assertRefused(rest.post("/api/recipients", "bob", body(fields)), 422, "longer than 2000");
    fields.put("description", "bell\u0007");
    assertRefused(rest.post("/api/recipients", "bob", body(fields)), 422, "control characters");
    assertThat(systems()).isEqualTo(before);
  }

  @Test
  void revokingASystemPublishesSystemRevoked() {
    String name = name();
    Recipient system =
        registry.register(
            new RecipientRegistry.Registration(
                name, "PRODUCTION", rsa3072(name).certificatePem(), null, null, null),
            "bob");

    registry.revoke(name, "decommissioned", "carol");

    assertThat(events.stream(SystemRevoked.class))
        .containsExactly(new SystemRevoked(system.id(), name, "decommissioned", "carol"));
  }
}
