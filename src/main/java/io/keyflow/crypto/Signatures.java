package io.keyflow.crypto;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.SignatureMechanism;
import io.keyflow.key.Algorithms;
import io.keyflow.key.KeyOperation;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyUsage;
import io.keyflow.key.KeyUsage.UsableVersion;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.io.StringWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Signatures with SIGNING keys (compare KMS Sign/Verify): RSA-PSS and PKCS#1 v1.5 with SHA-256,
 * SHA-384 or SHA-512 for RSA keys, ECDSA for EC keys, on a message (up to {@link #MAX_MESSAGE}
 * bytes, hashed here) or on a digest the caller made. Signing needs the primary, ACTIVE version;
 * verification the version the signature's envelope names, ACTIVE or DEACTIVATED, and answers valid
 * or not valid (a wrong signature is an answer, not an error). The public key of every live version
 * is published as PEM, so anyone can verify offline.
 */
@Service
public class Signatures {

  /** Largest message signed or verified whole; larger data is signed by its digest. */
  public static final int MAX_MESSAGE = 64 * 1024;

  private static final Set<KeyPurpose> SIGNING = Set.of(KeyPurpose.SIGNING);

  /** What to sign or verify: exactly one of a message and a digest. */
  public record Input(byte[] message, byte[] digest) {}

  /** A signature and what made it. */
  public record Signed(String alias, int version, SignatureMechanism mechanism, byte[] signature) {

    /** The signature as a versioned envelope. */
    public String envelope() {
      return new Envelope(version, signature).text();
    }
  }

  /** A verification's answer, and which version and scheme it used. */
  public record Verified(String alias, int version, SignatureMechanism mechanism, boolean valid) {}

  private final KeyUsage usage;
  private final KeyVault vault;

  Signatures(KeyUsage usage, KeyVault vault) {
    this.usage = usage;
    this.vault = vault;
  }

  /** Signs with the primary version of {@code alias}; {@code mechanism} null for its default. */
  public Signed sign(String alias, String mechanism, Input input) {
    UsableVersion use =
        Purposes.require(usage.requireUsable(alias, null, KeyOperation.SIGN), SIGNING, "sign");
    SignatureMechanism scheme = scheme(use, mechanism);
    byte[] digest = digest(scheme, input);
    byte[] signature = vault.signDigest(use.version().hsmKeyId(), scheme, digest);
    return new Signed(use.key().alias(), use.version().number(), scheme, signature);
  }

  /** Verifies a signature envelope with the version it names. */
  public Verified verify(String alias, String signature, String mechanism, Input input) {
    Envelope envelope = Envelope.parse("signature", signature);
    UsableVersion use =
        Purposes.require(
            usage.requireUsable(alias, envelope.version(), KeyOperation.VERIFY), SIGNING, "verify");
    SignatureMechanism scheme = scheme(use, mechanism);
    byte[] digest = digest(scheme, input);
    boolean valid = vault.verifyDigest(use.version().hsmKeyId(), scheme, digest, envelope.bytes());
    return new Verified(use.key().alias(), use.version().number(), scheme, valid);
  }

  /** The PEM public key of version {@code number} (null: the primary) of a SIGNING key. */
  public String publicKeyPem(String alias, Integer number) {
    UsableVersion use =
        Purposes.require(
            usage.requireUsable(alias, number, KeyOperation.VERIFY), SIGNING, "a public key");
    return pem(vault.publicKey(use.version().hsmKeyId()));
  }

  /** The version a public key request resolves to (for the response header). */
  public int publicKeyVersion(String alias, Integer number) {
    return usage.requireUsable(alias, number, KeyOperation.VERIFY).version().number();
  }

  /** Each key algorithm's default scheme: RSA-PSS-SHA256, ECDSA with the curve's own hash. */
  static SignatureMechanism defaultScheme(KeyAlgorithm algorithm) {
    return switch (algorithm) {
      case EC_P384 -> SignatureMechanism.ECDSA_SHA384;
      case EC_P256 -> SignatureMechanism.ECDSA_SHA256;
      default -> SignatureMechanism.RSA_PSS_SHA256;
    };
  }

  private static SignatureMechanism scheme(UsableVersion use, String name) {
    KeyAlgorithm algorithm = use.key().algorithm();
    if (name == null || name.isBlank()) {
      return defaultScheme(algorithm);
    }
    SignatureMechanism scheme = SignatureMechanism.parse(name);
    if (scheme == null) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "mechanism: unknown signature mechanism; known: "
              + Arrays.stream(SignatureMechanism.values())
                  .map(SignatureMechanism::wireName)
                  .collect(Collectors.joining(", ")));
    }
    if (!scheme.allows(algorithm)) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "mechanism: "
              + scheme.wireName()
              + " needs "
              + (scheme.isEcdsa() ? "an EC" : "an RSA")
              + " key; key '"
              + use.key().alias()
              + "' is "
              + Algorithms.name(algorithm));
    }
    return scheme;
  }

  private static byte[] digest(SignatureMechanism scheme, Input input) {
    if ((input.message() == null) == (input.digest() == null)) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "message or digest: exactly one of them is required (base64)");
    }
    if (input.digest() != null) {
      if (input.digest().length != scheme.digestLength()) {
        throw new Refusal(
            Kind.INVALID_REQUEST,
            "digest: a "
                + scheme.hash()
                + " digest has "
                + scheme.digestLength()
                + " bytes; this one has "
                + input.digest().length);
      }
      return input.digest();
    }
    if (input.message().length > MAX_MESSAGE) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "message: larger than "
              + MAX_MESSAGE
              + " bytes; sign its "
              + scheme.hash()
              + " digest instead");
    }
    try {
      return MessageDigest.getInstance(scheme.hash()).digest(input.message());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(scheme.hash() + " is unavailable in this JVM", e);
    }
  }

  static String pem(PublicKey key) {
    StringWriter out = new StringWriter();
    out.write("-----BEGIN PUBLIC KEY-----\n");
    out.write(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()));
    out.write("\n-----END PUBLIC KEY-----\n");
    return out.toString();
  }
}
