package io.keyflow.crypto;

import io.keyflow.hsm.KeyVault;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import org.springframework.stereotype.Service;

/** Random bytes from the vault's generator (C_GenerateRandom on the HSM), 1 to 1,024 per call. */
@Service
public class RandomBytes {

  public static final int MAX_BYTES = 1024;

  private final KeyVault vault;

  RandomBytes(KeyVault vault) {
    this.vault = vault;
  }

  public byte[] random(Integer bytes) {
    if (bytes == null || bytes < 1 || bytes > MAX_BYTES) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "bytes: between 1 and " + MAX_BYTES + " random bytes may be asked for; asked " + bytes);
    }
    return vault.random(bytes);
  }
}
