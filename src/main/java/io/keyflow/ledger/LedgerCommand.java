package io.keyflow.ledger;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * {@code java -jar keyflow.jar ledger verify --url=jdbc:… [--user=…] [--password-env=VAR]}:
 * verifies a Keyflow database's ledger over plain JDBC, without starting Spring or the engine.
 * The password is read from the named environment variable, never from the command line.
 *
 * <p>Exit codes: 0 valid, 1 invalid, 2 usage or connection error.
 */
public final class LedgerCommand {

  static final String USAGE =
      "usage: ledger verify --url=jdbc:... [--user=USER] [--password-env=VARIABLE]";

  private LedgerCommand() {}

  /** Runs the command; {@code args} may start with {@code ledger verify}. Returns the exit code. */
  public static int run(String[] args, PrintStream out) {
    return run(args, out, System::getenv);
  }

  static int run(String[] args, PrintStream out, UnaryOperator<String> environment) {
    List<String> options = Arrays.asList(args);
    if (options.size() >= 2 && options.get(0).equals("ledger") && options.get(1).equals("verify")) {
      options = options.subList(2, options.size());
    }
    String url = null;
    Properties credentials = new Properties();
    for (String option : options) {
      if (option.startsWith("--url=")) {
        url = option.substring("--url=".length());
      } else if (option.startsWith("--user=")) {
        credentials.setProperty("user", option.substring("--user=".length()));
      } else if (option.startsWith("--password-env=")) {
        String variable = option.substring("--password-env=".length());
        String password = environment.apply(variable);
        if (password == null) {
          out.println("ledger verify: environment variable " + variable + " is not set");
          return 2;
        }
        credentials.setProperty("password", password);
      } else {
        out.println("ledger verify: unknown argument " + option + "; " + USAGE);
        return 2;
      }
    }
    if (url == null || url.isBlank()) {
      out.println(USAGE);
      return 2;
    }
    try (Connection connection = DriverManager.getConnection(neverCreate(url), credentials)) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      LedgerVerification result = LedgerVerifier.verify(connection);
      connection.rollback();
      out.println(describe(result));
      return result.valid() ? 0 : 1;
    } catch (SQLException | LedgerRows.LedgerReadFailed e) {
      out.println("ledger verify: cannot connect to or read the ledger: " + e.getMessage());
      return 2;
    }
  }

  static String describe(LedgerVerification result) {
    if (result.valid()) {
      return "ledger valid: " + result.entries() + " entries";
    }
    return result.firstInvalidSequence() == null
        ? "ledger INVALID: " + result.reason()
        : "ledger INVALID at seq " + result.firstInvalidSequence() + ": " + result.reason();
  }

  /** Verifying must never create an empty H2 database where none was. */
  private static String neverCreate(String url) {
    boolean h2 = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
    return h2 && !url.toUpperCase().contains("IFEXISTS") ? url + ";IFEXISTS=TRUE" : url;
  }
}
