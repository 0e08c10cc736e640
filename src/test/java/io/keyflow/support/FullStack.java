package io.keyflow.support;

import io.keyflow.hsm.pkcs11.SoftHsmToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The production shape in a test: embedded PostgreSQL (a database of the test's own), a SoftHSM2
 * token of its own behind the pkcs11 backend, and the job executor running.
 */
public final class FullStack {

  private FullStack() {}

  public static SoftHsmToken register(DynamicPropertyRegistry registry, String tokenPrefix) {
    EmbeddedPostgresSupport.register(registry);
    SoftHsmToken token = SoftHsmToken.create(tokenPrefix);
    Path pinFile = Path.of("target", "softhsm", token.label + ".pin").toAbsolutePath();
    try {
      Files.writeString(pinFile, SoftHsmToken.USER_PIN);
      Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.add("keyflow.hsm.backend", () -> "pkcs11");
    registry.add("keyflow.hsm.pkcs11.module", () -> SoftHsmToken.MODULE.toString());
    registry.add("keyflow.hsm.pkcs11.token-label", () -> token.label);
    registry.add("keyflow.hsm.pkcs11.pin-file", pinFile::toString);
    // SoftHSM 2.6.1 supports RSA-OAEP with SHA-1 only; real HSMs use the SHA-256 default.
    registry.add("keyflow.hsm.pkcs11.oaep-hash", () -> "SHA1");
    registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    return token;
  }

  /** Waits (bounded) until the condition holds, e.g. until the job executor finished a step. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    Awaitility.await(what)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(condition::getAsBoolean);
  }
}
