package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerCommandTest {

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

  @Test
  void printsUsageAndExitsWithTwoWithoutAUrl() {
    assertThat(LedgerCommand.run(new String[] {"ledger", "verify"}, out)).isEqualTo(2);
    assertThat(printed()).isEqualTo(LedgerCommand.USAGE);
  }

  @Test
  void refusesUnknownArguments() {
    assertThat(LedgerCommand.run(new String[] {"ledger", "verify", "--pasword=x"}, out))
        .isEqualTo(2);
    assertThat(printed()).startsWith("ledger verify: unknown argument --pasword=x");
  }

  @Test
  void refusesAPasswordVariableThatIsNotSet() {
    int code =
        LedgerCommand.run(
            new String[] {"--url=jdbc:h2:mem:x", "--password-env=KEYFLOW_DB_PASSWORD"},
            out,
            Map.<String, String>of()::get);

    assertThat(code).isEqualTo(2);
    assertThat(printed())
        .isEqualTo("ledger verify: environment variable KEYFLOW_DB_PASSWORD is not set");
  }

  @Test
  void exitsWithTwoAndCreatesNoDatabaseWhenTheH2FileDoesNotExist(@TempDir Path dir) {
    Path database = dir.resolve("absent");

    int code = LedgerCommand.run(new String[] {"--url=jdbc:h2:file:" + database}, out);

    assertThat(code).isEqualTo(2);
    assertThat(printed()).startsWith("ledger verify: cannot connect to or read the ledger:");
    assertThat(dir.resolve("absent.mv.db")).doesNotExist();
  }

  @Test
  void describesVerdictsInOneLine() {
    assertThat(LedgerCommand.describe(LedgerVerification.ok(1234)))
        .isEqualTo("ledger valid: 1234 entries");
    assertThat(LedgerCommand.describe(LedgerVerification.invalid(16, 17L, "hash mismatch")))
        .isEqualTo("ledger INVALID at seq 17: hash mismatch");
    assertThat(
            LedgerCommand.describe(
                LedgerVerification.invalid(3, null, "the ledger_head row is missing")))
        .isEqualTo("ledger INVALID: the ledger_head row is missing");
  }

  private String printed() {
    return output.toString(StandardCharsets.UTF_8).strip();
  }
}
