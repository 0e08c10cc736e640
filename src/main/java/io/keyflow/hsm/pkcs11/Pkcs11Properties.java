package io.keyflow.hsm.pkcs11;

import io.keyflow.hsm.OaepHash;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the PKCS#11 backend ({@code keyflow.hsm.pkcs11.*}). The user PIN itself is never a
 * property: it comes from the environment variable named by {@code pinEnv} or from {@code pinFile},
 * so it never lands in a committed file.
 *
 * @param module path to the PKCS#11 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param tokenLabel label of the token holding Keyflow's keys (slot ids are not stable)
 * @param pinEnv name of the environment variable holding the user PIN
 * @param pinFile file holding the user PIN; takes precedence over {@code pinEnv} when set
 * @param oaepHash RSA-OAEP hash for wrapping (SHA-1 on SoftHSM 2.6, SHA-256 on real HSMs)
 * @param sessionPoolSize number of sessions; each is used by one thread at a time
 * @param reconnectMaxBackoff longest wait between two attempts to re-initialise an unreachable HSM
 */
@ConfigurationProperties("keyflow.hsm.pkcs11")
public record Pkcs11Properties(
    Path module,
    String tokenLabel,
    @DefaultValue("KEYFLOW_HSM_PIN") String pinEnv,
    Path pinFile,
    @DefaultValue("SHA256") OaepHash oaepHash,
    @DefaultValue("4") int sessionPoolSize,
    @DefaultValue("PT30S") Duration reconnectMaxBackoff) {

  public Pkcs11Properties {
    if (pinEnv == null || pinEnv.isBlank()) {
      pinEnv = "KEYFLOW_HSM_PIN";
    }
    if (oaepHash == null) {
      oaepHash = OaepHash.SHA256;
    }
    if (sessionPoolSize < 1) {
      sessionPoolSize = 4;
    }
    if (reconnectMaxBackoff == null
        || reconnectMaxBackoff.isNegative()
        || reconnectMaxBackoff.isZero()) {
      reconnectMaxBackoff = Duration.ofSeconds(30);
    }
  }
}
