package io.keyflow.hsm.software;

import io.keyflow.hsm.KeyVaultException.Misconfigured;
import io.keyflow.shared.StartupRefusal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the software vault's master secret comes from. Production requires the operator's secret; a
 * demo run without one gets a random secret generated once and kept in an owner-only file, so the
 * app starts with no set-up but nobody mistakes that for a protected vault.
 */
final class MasterSecrets {

  private static final Logger log = LoggerFactory.getLogger(MasterSecrets.class);

  private MasterSecrets() {}

  /** The secret's bytes (UTF-8); the caller zeroes them once the master key is derived. */
  static byte[] resolve(SoftwareVaultProperties props, boolean production) {
    String configured = props.masterSecret();
    if (configured != null && !configured.isBlank()) {
      return configured.getBytes(StandardCharsets.UTF_8);
    }
    if (production) {
      throw new StartupRefusal(
          "The production profile requires the software vault's master secret, which seals every"
              + " key in the vault.",
          "Set " + MasterKey.SETTING + ".");
    }
    return demoSecret(props.secretFile());
  }

  private static byte[] demoSecret(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(
              file, Base64.getEncoder().encodeToString(random), StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException createdMeanwhile) {
          // Another node or process created it first: use theirs.
        }
      }
      log.warn(
          "DEMO MODE: the software key vault's master secret is a generated one kept in {}."
              + " Anyone who can read that file can read every key. Set keyflow.hsm.software.master-secret"
              + " (KEYFLOW_VAULT_SECRET) for any real use.",
          file.toAbsolutePath());
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new Misconfigured(
            "The demo vault secret file "
                + file
                + " is empty: delete it or set "
                + MasterKey.SETTING,
            null);
      }
      return secret.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Misconfigured(
          "The demo vault secret file "
              + file
              + " cannot be created or read: fix"
              + " keyflow.hsm.software.secret-file or set "
              + MasterKey.SETTING,
          e);
    }
  }
}
