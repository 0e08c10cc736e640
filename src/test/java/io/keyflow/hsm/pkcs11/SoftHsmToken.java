package io.keyflow.hsm.pkcs11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A SoftHSM2 token of the test's own, initialised with {@code softhsm2-util} under {@code
 * target/softhsm}. The JVM's SoftHSM reads {@code SOFTHSM2_CONF} (set by the failsafe plugin) once,
 * at C_Initialize, so the configuration is written here before any vault loads the library; each
 * test class gets tokens with unique labels in the shared token directory. A missing SoftHSM fails
 * the test loudly: these tests are never skipped.
 */
public final class SoftHsmToken {

  public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  public static final String USER_PIN = "user-1234";
  static final String SO_PIN = "so-123456";

  public final String label;

  private SoftHsmToken(String label) {
    this.label = label;
  }

  /** The environment a vault under test sees: the PIN variable and SoftHSM's configuration. */
  Map<String, String> env() {
    return Map.of("KEYFLOW_HSM_PIN", USER_PIN, "SOFTHSM2_CONF", conf().toString());
  }

  Pkcs11Properties properties() {
    return new Pkcs11Properties(
        MODULE, label, "KEYFLOW_HSM_PIN", null, io.keyflow.hsm.OaepHash.SHA1, 4, null);
  }

  /** The directory holding every test token of this JVM's SoftHSM configuration. */
  public static Path tokenDirectory() {
    return conf().getParent().resolve("tokens");
  }

  /**
   * Makes every token unavailable, as a lost device or storage would: the token directory is moved
   * away (renamed) until {@link #endOutage()} moves it back.
   */
  public static void startOutage() {
    try {
      Files.move(tokenDirectory(), outageDirectory());
    } catch (IOException e) {
      throw new IllegalStateException("Could not move the token directory away", e);
    }
  }

  public static void endOutage() {
    try {
      Files.move(outageDirectory(), tokenDirectory());
    } catch (IOException e) {
      throw new IllegalStateException("Could not move the token directory back", e);
    }
  }

  private static Path outageDirectory() {
    return tokenDirectory().resolveSibling("tokens.unavailable");
  }

  public static synchronized SoftHsmToken create(String prefix) {
    Path conf = conf();
    try {
      Path tokens = conf.getParent().resolve("tokens");
      Files.createDirectories(tokens);
      Files.writeString(
          conf,
          "directories.tokendir = "
              + tokens.toAbsolutePath()
              + "\n"
              + "objectstore.backend = file\nlog.level = ERROR\n",
          StandardCharsets.UTF_8);
      String label = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
      ProcessBuilder init =
          new ProcessBuilder(
                  "softhsm2-util",
                  "--init-token",
                  "--free",
                  "--label",
                  label,
                  "--pin",
                  USER_PIN,
                  "--so-pin",
                  SO_PIN)
              .redirectErrorStream(true);
      init.environment().put("SOFTHSM2_CONF", conf.toString());
      Process process = init.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("softhsm2-util could not initialise a token: " + output);
      }
      return new SoftHsmToken(label);
    } catch (IOException e) {
      throw new IllegalStateException(
          "SoftHSM2 is required for this test and is not usable"
              + " (install the Debian package softhsm2): "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path conf() {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null || conf.isBlank()) {
      throw new IllegalStateException(
          "SOFTHSM2_CONF is not set: run this test through the failsafe"
              + " plugin (./mvnw verify), which points it at target/softhsm/softhsm2.conf");
    }
    if (!Files.isRegularFile(MODULE)) {
      throw new IllegalStateException(
          "SoftHSM2 is required for this test: "
              + MODULE
              + " is missing"
              + " (apt-get install softhsm2)");
    }
    return Path.of(conf).toAbsolutePath();
  }
}
