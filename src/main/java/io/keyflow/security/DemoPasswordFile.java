package io.keyflow.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The demo users' generated password, kept in a file only its owner may read (as the demo vault's
 * secret is), so it never reaches the console or a log: made on the first start, reused after.
 */
final class DemoPasswordFile {

  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int LENGTH = 20;

  private DemoPasswordFile() {}

  /** The password in {@code file}, or a new random one written there (mode 600). */
  static String readOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!stored.isEmpty()) {
          return stored;
        }
        Files.delete(file);
      }
      String password = random();
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
      return password;
    } catch (FileAlreadyExistsException race) {
      return readOrCreate(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The demo password file " + file + " cannot be read or written: " + e.getMessage(), e);
    }
  }

  private static String random() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
