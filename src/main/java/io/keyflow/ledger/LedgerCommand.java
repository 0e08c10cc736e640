package io.keyflow.ledger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * {@code java -jar keyflow.jar ledger verify --url=jdbc:… [--user=…] [--password-env=VAR]
 * [--public-key=FILE]}: verifies a Keyflow database's ledger over plain JDBC, without starting
 * Spring or the engine; with the audit signing key's PEM public key (from {@code GET
 * /api/ledger/checkpoints/public-key}) it also checks every signed checkpoint. The password is read
 * from the named environment variable, never from the command line.
 *
 * <p>{@code java -jar keyflow.jar ledger verify-pack pack.zip} checks an evidence pack with no
 * database: see {@link PackProofs}.
 *
 * <p>Exit codes: 0 valid, 1 invalid, 2 usage or connection error.
 */
public final class LedgerCommand {

  static final String USAGE =
      "usage: ledger verify --url=jdbc:... [--user=USER] [--password-env=VARIABLE] [--public-key=PEM-FILE]";

  private LedgerCommand() {}

  /** Runs the command; {@code args} may start with {@code ledger verify}. Returns the exit code. */
  public static int run(String[] args, PrintStream out) {
    return run(args, out, System::getenv);
  }

  static int run(String[] args, PrintStream out, UnaryOperator<String> environment) {
    List<String> options = Arrays.asList(args);
    if (options.size() >= 2
        && options.get(0).equals("ledger")
        && options.get(1).equals("verify-pack")) {
      return PackProofs.verifyPack(options.subList(2, options.size()), out);
    }
    if (options.size() >= 2 && options.get(0).equals("ledger") && options.get(1).equals("verify")) {
      options = options.subList(2, options.size());
    }
    String url = null;
    Path publicKeyFile = null;
    Properties credentials = new Properties();
    for (String option : options) {
      if (option.startsWith("--url=")) {
        url = option.substring("--url=".length());
      } else if (option.startsWith("--public-key=")) {
        publicKeyFile = Path.of(option.substring("--public-key=".length()));
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
    PublicKey publicKey;
    try {
      publicKey = publicKeyFile == null ? null : readPublicKey(publicKeyFile);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      out.println(
          "ledger verify: cannot read an EC public key from "
              + publicKeyFile
              + ": "
              + e.getMessage());
      return 2;
    }
    try (Connection connection = DriverManager.getConnection(neverCreate(url), credentials)) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      LedgerVerification result = LedgerVerifier.verify(connection);
      List<LedgerCheckpoint> checkpoints = checkpoints(connection);
      CheckpointVerification signed =
          publicKey == null
              ? null
              : LedgerCheckpoints.verify(checkpoints, publicKey, seq -> hashAt(connection, seq));
      connection.rollback();
      out.println(describe(result));
      if (signed != null) {
        out.println(describe(signed));
      } else if (!checkpoints.isEmpty()) {
        out.println(
            "note: "
                + checkpoints.size()
                + " signed checkpoints not checked; pass --public-key=FILE"
                + " (GET /api/ledger/checkpoints/public-key)");
      }
      return result.valid() && (signed == null || signed.valid()) ? 0 : 1;
    } catch (SQLException | LedgerRows.LedgerReadFailed | UncheckedSqlException e) {
      out.println("ledger verify: cannot connect to or read the ledger: " + e.getMessage());
      return 2;
    }
  }

  static String describe(CheckpointVerification result) {
    if (result.valid()) {
      return "checkpoints valid: "
          + result.checkpoints()
          + (result.lastCheckpointSequence() == null
              ? ""
              : " (last at seq " + result.lastCheckpointSequence() + ")");
    }
    return "checkpoints INVALID at seq " + result.firstInvalidCheckpoint() + ": " + result.reason();
  }

  private static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
    String pem =
        Files.readString(file, StandardCharsets.US_ASCII)
            .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }

  /**
   * The checkpoints, oldest first; a database from before chaining (no link columns) reads as
   * version 1.
   */
  private static List<LedgerCheckpoint> checkpoints(Connection connection) throws SQLException {
    List<LedgerCheckpoint> checkpoints = new ArrayList<>();
    try (PreparedStatement select =
            connection.prepareStatement("SELECT * FROM ledger_checkpoint ORDER BY seq");
        ResultSet rows = select.executeQuery()) {
      boolean chained = hasColumn(rows, "message_version");
      boolean rooted = hasColumn(rows, "tree_root");
      while (rows.next()) {
        long previousSeq = chained ? rows.getLong("previous_seq") : 0;
        boolean linked = chained && !rows.wasNull();
        checkpoints.add(
            new LedgerCheckpoint(
                rows.getLong("seq"),
                rows.getString("entry_hash"),
                rows.getObject("signed_at", java.time.OffsetDateTime.class).toInstant(),
                rows.getString("signing_key_id"),
                rows.getString("signature_algorithm"),
                rows.getString("signature"),
                chained ? rows.getInt("message_version") : 1,
                linked ? previousSeq : null,
                chained ? rows.getString("previous_signature_sha256") : null,
                rooted && rows.getString("tree_root") != null
                    ? rows.getString("tree_root").trim()
                    : null));
      }
    }
    return checkpoints;
  }

  private static boolean hasColumn(ResultSet rows, String column) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      if (column.equalsIgnoreCase(meta.getColumnName(i))) {
        return true;
      }
    }
    return false;
  }

  private static String hashAt(Connection connection, long seq) {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT hash FROM ledger_entry WHERE seq = ?")) {
      select.setLong(1, seq);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new UncheckedSqlException(e);
    }
  }

  private static final class UncheckedSqlException extends RuntimeException {
    UncheckedSqlException(SQLException cause) {
      super(cause.getMessage(), cause);
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
