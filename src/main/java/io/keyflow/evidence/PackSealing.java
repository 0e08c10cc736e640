package io.keyflow.evidence;

import io.keyflow.hsm.KeyVault;
import io.keyflow.ledger.LedgerCheckpoint;
import io.keyflow.ledger.LedgerCheckpoints;
import io.keyflow.shared.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Seals a pack: the audit signing key's public key, the checkpoint covering the period, the {@code
 * sha256sum} manifest over every file and its signature made in the vault by the same audit signing
 * key, in the DER form {@code openssl dgst -verify} reads.
 */
final class PackSealing {

  static final String MANIFEST = "manifest.sha256";
  static final String SIGNATURE = "manifest.sha256.sig";
  static final String PUBLIC_KEY = "audit-public-key.pem";

  private final KeyVault vault;
  private final LedgerCheckpoints checkpoints;

  PackSealing(KeyVault vault, LedgerCheckpoints checkpoints) {
    this.vault = vault;
    this.checkpoints = checkpoints;
  }

  /**
   * The first checkpoint at or after {@code lastSequence}; when none has been signed yet the
   * current head is signed now. Empty only when the ledger is empty.
   */
  Optional<LedgerCheckpoint> checkpointCovering(long lastSequence) {
    Optional<LedgerCheckpoint> covering = first(lastSequence);
    if (covering.isPresent()) {
      return covering;
    }
    checkpoints.checkpoint();
    return first(lastSequence).or(() -> last(checkpoints.all()));
  }

  void writeKeyAndCheckpoint(Path dir, LedgerCheckpoint checkpoint) throws IOException {
    Files.writeString(
        dir.resolve(PUBLIC_KEY), pem(checkpoints.publicKey()), StandardCharsets.US_ASCII);
    if (checkpoint != null) {
      Files.write(dir.resolve("ledger-checkpoint.msg"), checkpoint.message());
      Files.write(
          dir.resolve("ledger-checkpoint.sig"), Base64.getDecoder().decode(checkpoint.signature()));
      Files.writeString(
          dir.resolve("ledger-checkpoint.txt"),
          "sequence: "
              + checkpoint.seq()
              + "\nentry hash: "
              + checkpoint.entryHash()
              + "\nsigned at: "
              + checkpoint.signedAt()
              + "\nsigning key id: "
              + checkpoint.signingKeyId()
              + "\nalgorithm: "
              + checkpoint.signatureAlgorithm()
              + "\nsigned message: "
              + new String(checkpoint.message(), StandardCharsets.US_ASCII)
              + "\n",
          StandardCharsets.UTF_8);
    }
  }

  /**
   * Writes the manifest over every file under {@code dir} (sorted) and returns its SHA-256, hex.
   */
  String writeManifest(Path dir) throws IOException {
    StringBuilder manifest = new StringBuilder();
    for (String file : files(dir)) {
      manifest.append(sha256(dir.resolve(file))).append("  ").append(file).append('\n');
    }
    byte[] bytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve(MANIFEST), bytes);
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** Signs the manifest in the vault and checks the signature before it goes into the pack. */
  void signManifest(Path dir) throws IOException {
    byte[] manifest = Files.readAllBytes(dir.resolve(MANIFEST));
    PublicKey publicKey = checkpoints.publicKey();
    byte[] signature = vault.sign(LedgerCheckpoints.AUDIT_SIGNING_KEY_ID, manifest);
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(publicKey);
      verifier.update(manifest);
      if (!verifier.verify(signature)) {
        throw new IllegalStateException(
            "The vault's signature over the manifest does not verify with the audit key");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "The vault returned a signature that is not DER ECDSA: " + e.getMessage(), e);
    }
    Files.write(dir.resolve(SIGNATURE), signature);
  }

  /** Pack files relative to {@code dir}, sorted, '/'-separated, excluding the working fragments. */
  static List<String> files(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith("fragments/"))
          .sorted()
          .toList();
    }
  }

  static String pem(PublicKey key) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    return Sha256.newDigest();
  }

  private Optional<LedgerCheckpoint> first(long lastSequence) {
    return checkpoints.all().stream().filter(c -> c.seq() >= lastSequence).findFirst();
  }

  private static Optional<LedgerCheckpoint> last(List<LedgerCheckpoint> all) {
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }
}
