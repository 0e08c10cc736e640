package io.keyflow.hsm.software;

import io.keyflow.hsm.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One row of {@code software_vault_key}: the sealed material and what describes it.
 *
 * @param iv GCM IV of the sealed material
 * @param material private material (AES key bytes or PKCS#8) sealed under the master key
 * @param publicKey X.509 encoding of a key pair's public key (not secret), else null
 */
record StoredKey(UUID id, String label, KeyAlgorithm algorithm, boolean exportable,
                 byte[] iv, byte[] material, byte[] publicKey, String kcv) {

  /**
   * GCM AAD of the sealed material: binds it to its id, algorithm and export policy, so a row
   * cannot be swapped for another or made exportable by editing the table.
   */
  byte[] aad() {
    return ("keyflow-vault-key|" + id + "|" + algorithm + "|" + exportable).getBytes(StandardCharsets.UTF_8);
  }

  StoredKey withMaterial(byte[] iv, byte[] material) {
    return new StoredKey(id, label, algorithm, exportable, iv, material, publicKey, kcv);
  }
}
