package io.keyflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerCheckpoints;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyGenerationRefused;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pack on the production shape — PostgreSQL with the ledger's append-only triggers, the audit
 * signing key on a SoftHSM2 token. Someone with database access alters a ledger row: the next pack
 * says so on its first page, naming the sequence, and is itself still verifiably issued.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EvidencePackPostgresIT {

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) {
    FullStack.register(registry, "evidence");
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired Ledger ledger;
  @Autowired LedgerCheckpoints checkpoints;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void anAlteredLedgerRowShowsAsInvalidAtItsSequenceOnTheFirstPageAndThePackStillVerifies() {
    long first = append("ledger-a");
    long altered = append("ledger-b");
    append("ledger-c");
    checkpoints.checkpoint().orElseThrow();
    String period =
        "/api/evidence?from="
            + LocalDate.now(ZoneOffset.UTC).minusDays(1)
            + "&to="
            + LocalDate.now(ZoneOffset.UTC);
    RestClient rest = new RestClient(port);

    UnzippedPack before = download(rest, period);
    assertThat(before.evidence().get("ledger").get("valid").asBoolean()).isTrue();
    assertThat(before.rows("refusals", "alias", "ledger-b").get(0).get("ledger_seq").asText())
        .isEqualTo(String.valueOf(altered));

    jdbc.execute("ALTER TABLE ledger_entry DISABLE TRIGGER USER");
    try {
      assertThat(jdbc.update("UPDATE ledger_entry SET actor = 'mallory' WHERE seq = ?", altered))
          .isEqualTo(1);
    } finally {
      jdbc.execute("ALTER TABLE ledger_entry ENABLE TRIGGER USER");
    }

    UnzippedPack after = download(rest, period);
    String index = after.read("index.html");
    int verdict = index.indexOf("Ledger verification: INVALID at sequence " + altered);
    assertThat(verdict).as("the verdict names the altered sequence").isPositive();
    assertThat(verdict)
        .as("on the first page, before any control section")
        .isLessThan(index.indexOf("KF-INV — "));
    assertThat(index).contains("class=\"verdict invalid\"", "LEDGER_INVALID");
    JsonNode ledgerVerdict = after.evidence().get("ledger");
    assertThat(ledgerVerdict.get("valid").asBoolean()).isFalse();
    assertThat(ledgerVerdict.get("firstInvalidSequence").asLong()).isEqualTo(altered);
    assertThat(after.rows("exceptions", "kind", "LEDGER_INVALID").get(0).get("ledger_seq").asText())
        .isEqualTo(String.valueOf(altered));
    assertThat(after.read("VERIFY.txt"))
        .contains("Ledger verdict when the pack was made: INVALID at sequence " + altered);
    for (String command : after.offlineCommands()) {
      UnzippedPack.Result result = after.run(command);
      assertThat(result.exitCode()).as(result.command() + "\n" + result.output()).isZero();
    }
    assertThat(first).isLessThan(altered);
  }

  private UnzippedPack download(RestClient rest, String path) {
    HttpResponse<byte[]> response = rest.download(path, "dave");
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
    UnzippedPack pack = UnzippedPack.of(response.body());
    for (String command : pack.offlineCommands()) {
      UnzippedPack.Result result = pack.run(command);
      assertThat(result.exitCode()).as(result.command() + "\n" + result.output()).isZero();
    }
    return pack;
  }

  /** A refused generation request, as the policy check writes one. */
  private long append(String alias) {
    return transactions.execute(
        status ->
            ledger
                .append(
                    LedgerEvent.builder(LedgerAction.KEY_GENERATION_REFUSED, "alice")
                        .key(null, alias)
                        .details(
                            new KeyGenerationRefused(
                                "AES-128 is below the policy's AES-256", null, "AES-128"))
                        .build())
                .seq());
  }
}
