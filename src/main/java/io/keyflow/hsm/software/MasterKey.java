package io.keyflow.hsm.software;

import io.keyflow.hsm.KeyVaultException.Misconfigured;
import io.keyflow.hsm.software.SoftwareVaultProperties.KdfParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The software vault's master key: derived with Argon2id from the operator secret and the salt
 * stored in {@code software_vault_master}, checked against a stored verifier so that a wrong secret
 * stops start-up, and used to AES-256-GCM-seal every key's material.
 */
final class MasterKey implements AutoCloseable {

  static final String SETTING =
      "keyflow.hsm.software.master-secret (environment variable KEYFLOW_VAULT_SECRET)";
  private static final byte[] VERIFIER_PLAINTEXT =
      "keyflow software vault v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VERIFIER_AAD =
      "software_vault_master".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  /** GCM output: IV and ciphertext with tag. */
  record Sealed(byte[] iv, byte[] ciphertext) {}

  private final SecretKeySpec key;
  private final byte[] raw;
  private final SecureRandom random = new SecureRandom();

  private MasterKey(byte[] raw) {
    this.raw = raw;
    this.key = new SecretKeySpec(raw, "AES");
  }

  /**
   * Derives the master key, creating the vault's master row on first use. Two nodes starting on one
   * empty database race on the primary key; the loser reads the winner's row.
   */
  static MasterKey open(JdbcTemplate jdbc, byte[] secret, KdfParameters wanted) {
    if (secret == null || secret.length == 0) {
      throw new Misconfigured("No master secret for the software key vault: set " + SETTING, null);
    }
    List<MasterRow> rows = read(jdbc);
    if (rows.isEmpty()) {
      byte[] salt = new byte[16];
      new SecureRandom().nextBytes(salt);
      MasterKey created = new MasterKey(derive(secret, salt, wanted));
      Sealed verifier = created.seal(VERIFIER_PLAINTEXT, VERIFIER_AAD);
      try {
        jdbc.update(
            "INSERT INTO software_vault_master (id, kdf, salt, memory_kib, iterations, parallelism,"
                + " verifier_iv, verifier, created_at) VALUES (1, 'argon2id', ?, ?, ?, ?, ?, ?, ?)",
            B64.encodeToString(salt),
            wanted.memoryKib(),
            wanted.iterations(),
            wanted.parallelism(),
            B64.encodeToString(verifier.iv()),
            B64.encodeToString(verifier.ciphertext()),
            OffsetDateTime.now(ZoneOffset.UTC));
        return created;
      } catch (DuplicateKeyException raced) {
        created.close();
        rows = read(jdbc);
      }
    }
    MasterRow row = rows.get(0);
    MasterKey master = new MasterKey(derive(secret, B64D.decode(row.salt()), row.kdf()));
    try {
      master.unseal(
          new Sealed(B64D.decode(row.verifierIv()), B64D.decode(row.verifier())), VERIFIER_AAD);
      return master;
    } catch (AEADBadTagException wrongSecret) {
      master.close();
      throw new Misconfigured(
          "The master secret does not open this software key vault: set the secret"
              + " the vault was created with in "
              + SETTING,
          null);
    }
  }

  Sealed seal(byte[] plaintext, byte[] aad) {
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      gcm.updateAAD(aad);
      return new Sealed(iv, gcm.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
    }
  }

  /** The sealed plaintext; the caller zeroes it after use. */
  byte[] unseal(Sealed sealed, byte[] aad) throws AEADBadTagException {
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed.iv()));
      gcm.updateAAD(aad);
      return gcm.doFinal(sealed.ciphertext());
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
    }
  }

  @Override
  public void close() {
    Arrays.fill(raw, (byte) 0);
  }

  private record MasterRow(String salt, KdfParameters kdf, String verifierIv, String verifier) {}

  private static List<MasterRow> read(JdbcTemplate jdbc) {
    return jdbc.query(
        "SELECT salt, memory_kib, iterations, parallelism, verifier_iv, verifier"
            + " FROM software_vault_master WHERE id = 1",
        (rs, n) ->
            new MasterRow(
                rs.getString(1),
                new KdfParameters(rs.getInt(2), rs.getInt(3), rs.getInt(4)),
                rs.getString(5),
                rs.getString(6)));
  }

  private static byte[] derive(byte[] secret, byte[] salt, KdfParameters kdf) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(kdf.memoryKib())
            .withIterations(kdf.iterations())
            .withParallelism(kdf.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[32];
    generator.generateBytes(secret, out);
    return out;
  }
}
