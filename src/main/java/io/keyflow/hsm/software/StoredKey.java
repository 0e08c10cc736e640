package io.keyflow.hsm.software;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.UsageAttributes;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One row of {@code software_vault_key}: the sealed material and what describes it.
 *
 * @param iv GCM IV of the sealed material
 * @param material private material (AES key bytes or PKCS#8) sealed under the master key
 * @param publicKey X.509 encoding of a key pair's public key (not secret), else null
 * @param role what the key is for; null for a key stored before roles existed (see {@link #usage})
 */
record StoredKey(
    UUID id,
    String label,
    KeyAlgorithm algorithm,
    boolean exportable,
    byte[] iv,
    byte[] material,
    byte[] publicKey,
    String kcv,
    KeyRole role) {

  /**
   * GCM AAD of the sealed material: binds it to its id, algorithm, export policy and role, so a row
   * cannot be swapped for another, made exportable or given another role by editing the table. Rows
   * stored before roles existed were sealed without one and keep their AAD.
   */
  byte[] aad() {
    return ("keyflow-vault-key|"
            + id
            + "|"
            + algorithm
            + "|"
            + exportable
            + (role == null ? "" : "|" + role))
        .getBytes(StandardCharsets.UTF_8);
  }

  StoredKey withMaterial(byte[] iv, byte[] material) {
    return new StoredKey(id, label, algorithm, exportable, iv, material, publicKey, kcv, role);
  }

  /**
   * The usage attributes of the object this row stands for, as a PKCS#11 token would report them
   * for a key of its role. A row from before roles existed keeps the usage it had then (an AES key
   * encrypted, decrypted, wrapped and unwrapped), which a storage attestation reports as drift.
   */
  UsageAttributes usage(String objectClass) {
    if (role != null) {
      return role.usage(objectClass);
    }
    return switch (objectClass) {
      case "SECRET_KEY" -> new UsageAttributes(true, true, true, true, false, false, false);
      default -> KeyRole.SIGNING.usage(objectClass);
    };
  }
}
