package io.keyflow.crypto;

import io.keyflow.hsm.KeyVault;
import io.keyflow.key.KeyOperation;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyUsage;
import io.keyflow.key.KeyUsage.UsableVersion;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * HMAC-SHA-256 with MAC keys (compare KMS GenerateMac/VerifyMac, Vault transit {@code hmac}): a tag
 * is made in the vault under the primary version and returned as a versioned envelope; checking a
 * tag uses the version it names (ACTIVE or DEACTIVATED) and answers valid or not.
 */
@Service
public class Macs {

  /** Largest message authenticated in one call. */
  public static final int MAX_DATA = 64 * 1024;

  private static final Set<KeyPurpose> MAC = Set.of(KeyPurpose.MAC);

  /** A tag and the version that made it. */
  public record Tagged(String alias, int version, byte[] tag) {

    public String envelope() {
      return new Envelope(version, tag).text();
    }
  }

  /** Whether a tag verified, and with which version. */
  public record Checked(String alias, int version, boolean valid) {}

  private final KeyUsage usage;
  private final KeyVault vault;

  Macs(KeyUsage usage, KeyVault vault) {
    this.usage = usage;
    this.vault = vault;
  }

  public Tagged mac(String alias, byte[] data) {
    checkData(data);
    UsableVersion use =
        Purposes.require(usage.requireUsable(alias, null, KeyOperation.SIGN), MAC, "a MAC");
    return new Tagged(
        use.key().alias(), use.version().number(), vault.mac(use.version().hsmKeyId(), data));
  }

  public Checked verify(String alias, String tag, byte[] data) {
    Envelope envelope = Envelope.parse("mac", tag);
    checkData(data);
    UsableVersion use =
        Purposes.require(
            usage.requireUsable(alias, envelope.version(), KeyOperation.VERIFY),
            MAC,
            "MAC verification");
    return new Checked(
        use.key().alias(),
        use.version().number(),
        vault.verifyMac(use.version().hsmKeyId(), data, envelope.bytes()));
  }

  private static void checkData(byte[] data) {
    if (data == null) {
      throw new Refusal(Kind.INVALID_REQUEST, "data is required (base64)");
    }
    if (data.length > MAX_DATA) {
      throw new Refusal(Kind.INVALID_REQUEST, "data: larger than " + MAX_DATA + " bytes");
    }
  }
}
