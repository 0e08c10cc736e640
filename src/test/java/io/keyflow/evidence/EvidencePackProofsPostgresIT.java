package io.keyflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerCheckpoint;
import io.keyflow.ledger.LedgerCheckpoints;
import io.keyflow.ledger.LedgerCommand;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyGenerationRefused;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Every entry of a pack proved on its own: the pack's two offline verifiers — the command line on
 * the zip and the standalone Python script in it — accept a fresh pack, with its consistency proof
 * from the previous pack's tree, and both fail naming the entry after a one-character SQL edit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EvidencePackProofsPostgresIT {

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) {
    FullStack.register(registry, "pack-proofs");
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired Ledger ledger;
  @Autowired LedgerCheckpoints checkpoints;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void bothPackVerifiersCheckEveryProofAndNameTheEntryAfterAOneCharacterSqlEdit() throws Exception {
    append("proof-a");
    append("proof-b");
    LedgerCheckpoint previous = checkpoints.checkpoint().orElseThrow();
    long edited = append("proof-c");
    append("proof-d");
    checkpoints.checkpoint().orElseThrow();
    String period =
        "/api/evidence?from="
            + LocalDate.now(ZoneOffset.UTC).minusDays(1)
            + "&to="
            + LocalDate.now(ZoneOffset.UTC)
            + "&previousTreeSize="
            + previous.seq();
    RestClient rest = new RestClient(port);

    byte[] before = download(rest, period);
    UnzippedPack unzipped = UnzippedPack.of(before);
    assertThat(unzipped.read("VERIFY.txt"))
        .contains("python3 verify_pack.py .")
        .contains("java -jar keyflow.jar ledger verify-pack PACK.zip");
    assertThat(unzipped.read("ledger-proofs.jsonl").lines()).hasSizeGreaterThanOrEqualTo(4);
    UnzippedPack.Result python = unzipped.run("python3 verify_pack.py .");
    assertThat(python.exitCode()).as(python.output()).isZero();
    assertThat(python.output())
        .contains("pack valid")
        .contains("consistent with the tree of size " + previous.seq());
    Verdict cli = verifyPack(before);
    assertThat(cli.exitCode()).as(cli.output()).isZero();
    assertThat(cli.output()).contains("pack valid").contains("consistent with the tree of size");

    editOneCharacter(edited);

    byte[] after = download(rest, period);
    UnzippedPack.Result pythonAfter = UnzippedPack.of(after).run("python3 verify_pack.py .");
    assertThat(pythonAfter.exitCode()).as(pythonAfter.output()).isEqualTo(1);
    assertThat(pythonAfter.output())
        .contains("INVALID: entry " + edited + ": its inclusion proof does not lead to the signed");
    Verdict cliAfter = verifyPack(after);
    assertThat(cliAfter.exitCode()).as(cliAfter.output()).isEqualTo(1);
    assertThat(cliAfter.output())
        .contains("INVALID: entry " + edited + ": its inclusion proof does not lead to the signed");
  }

  private record Verdict(int exitCode, String output) {}

  private static Verdict verifyPack(byte[] zip) throws IOException {
    Path file = Files.createTempFile(Path.of("target"), "pack", ".zip");
    Files.write(file, zip);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code =
        LedgerCommand.run(
            new String[] {"ledger", "verify-pack", file.toString()},
            new PrintStream(output, true, StandardCharsets.UTF_8));
    return new Verdict(code, output.toString(StandardCharsets.UTF_8));
  }

  private void editOneCharacter(long seq) {
    jdbc.execute("ALTER TABLE ledger_entry DISABLE TRIGGER USER");
    try {
      assertThat(jdbc.update("UPDATE ledger_entry SET actor = 'alicf' WHERE seq = ?", seq))
          .isEqualTo(1);
    } finally {
      jdbc.execute("ALTER TABLE ledger_entry ENABLE TRIGGER USER");
    }
  }

  private static byte[] download(RestClient rest, String path) {
    HttpResponse<byte[]> response = rest.download(path, "dave");
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
    return response.body();
  }

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
