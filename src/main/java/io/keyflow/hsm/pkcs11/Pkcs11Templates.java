package io.keyflow.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.UsageAttributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;

/**
 * Object templates for what Keyflow creates on a token. Every key is a token object, private and
 * sensitive; CKA_EXTRACTABLE follows the spec's export policy and can never be loosened afterwards
 * (the token refuses to change it), so a non-exportable key stays in the HSM for its whole life.
 * Usage attributes follow the spec's {@link KeyRole}, least privilege, every one set explicitly.
 */
final class Pkcs11Templates {

  static final BigInteger RSA_PUBLIC_EXPONENT = BigInteger.valueOf(65537);

  private Pkcs11Templates() {}

  /** A UUID's 16 bytes, big-endian: the CKA_ID of every Keyflow key. */
  static byte[] ckaId(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  static Mechanism generationMechanism(KeyAlgorithm algorithm) {
    return new Mechanism(
        switch (algorithm.kind()) {
          case SECRET -> algorithm.isHmac() ? CKM_GENERIC_SECRET_KEY_GEN : CKM_AES_KEY_GEN;
          case KEY_PAIR -> algorithm.isRsa() ? CKM_RSA_PKCS_KEY_PAIR_GEN : CKM_EC_KEY_PAIR_GEN;
        });
  }

  /**
   * AES-256, for data encryption or key wrapping depending on the spec's role, or a 256-bit generic
   * secret for HMAC (MAC role: sign and verify only); every usage attribute is set, because
   * SoftHSM2 (like many tokens) makes an unset one TRUE.
   */
  static AttributeVector secretKey(KeySpec spec) {
    AttributeVector template =
        (spec.algorithm().isHmac()
                ? AttributeVector.newSecretKey(CKK_GENERIC_SECRET)
                : AttributeVector.newAESSecretKey())
            .token(true)
            .private_(true)
            .sensitive(true)
            .extractable(spec.exportable())
            .id(ckaId(spec.id()))
            .label(spec.label())
            .valueLen(spec.algorithm().bits() / 8)
            .wrapWithTrusted(wrapWithTrusted(spec))
            .trusted(false);
    return usage(template, CKO_SECRET_KEY, spec.role());
  }

  /**
   * RSA or EC key pair for signing (or, RSA only, key wrapping); both halves share CKA_ID and
   * label.
   */
  static KeyPairTemplate keyPair(KeySpec spec) {
    KeyAlgorithm algorithm = spec.algorithm();
    KeyPairTemplate template =
        new KeyPairTemplate(algorithm.isRsa() ? CKK_RSA : CKK_EC)
            .token(true)
            .id(ckaId(spec.id()))
            .labels(spec.label())
            .signVerifyRecover(false);
    template
        .privateKey()
        .private_(true)
        .sensitive(true)
        .extractable(spec.exportable())
        .wrapWithTrusted(wrapWithTrusted(spec));
    usage(template.privateKey(), CKO_PRIVATE_KEY, spec.role());
    template.publicKey().private_(false).trusted(false);
    usage(template.publicKey(), CKO_PUBLIC_KEY, spec.role());
    if (algorithm.isRsa()) {
      template.publicKey().modulusBits(algorithm.bits()).publicExponent(RSA_PUBLIC_EXPONENT);
    } else {
      template.publicKey().ecParams(curveOid(algorithm));
    }
    return template;
  }

  /**
   * A session-only copy of a recipient's RSA public key, used once to wrap and then destroyed. It
   * may wrap and nothing else. It cannot be CKA_TRUSTED: only the Security Officer may set that,
   * and Keyflow never holds the SO PIN.
   */
  static AttributeVector recipientKey(RSAPublicKey key) {
    return usage(AttributeVector.newRSAPublicKey(), CKO_PUBLIC_KEY, KeyRole.KEY_WRAPPING)
        .token(false)
        .private_(false)
        .verifyRecover(false)
        .trusted(false)
        .modulus(key.getModulus())
        .publicExponent(key.getPublicExponent());
  }

  /**
   * CKA_WRAP_WITH_TRUSTED: true for keys that never leave the vault (defence in depth, it can never
   * be unset again), false for exportable keys. An exportable key is wrapped either under a
   * recipient's RSA public key, imported per recipient as a session object, or under a KEY_WRAPPING
   * key; with CKA_WRAP_WITH_TRUSTED the wrapping key would have to be CKA_TRUSTED, which on
   * SoftHSM2 (and most HSMs) only the Security Officer can set. Keyflow logs in as the user only,
   * so setting it would make every distribution fail with CKR_KEY_NOT_WRAPPABLE. What protects
   * exportable keys instead is that no key may both wrap and decrypt, and that wrapping follows an
   * approval.
   */
  static boolean wrapWithTrusted(KeySpec spec) {
    return !spec.exportable();
  }

  /** Sets every usage attribute the object class has, each explicitly TRUE or FALSE. */
  private static AttributeVector usage(AttributeVector template, long objectClass, KeyRole role) {
    UsageAttributes usage = role.usage(Pkcs11Objects.className(objectClass));
    template.derive(usage.derive());
    if (objectClass != CKO_PRIVATE_KEY) {
      template.encrypt(usage.encrypt()).verify(usage.verify()).wrap(usage.wrap());
    }
    if (objectClass != CKO_PUBLIC_KEY) {
      template.decrypt(usage.decrypt()).sign(usage.sign()).unwrap(usage.unwrap());
    }
    return template;
  }

  /** DER-encoded named-curve OID, as CKA_EC_PARAMS expects. */
  static byte[] curveOid(KeyAlgorithm algorithm) {
    ASN1ObjectIdentifier oid =
        switch (algorithm) {
          case EC_P256 -> SECObjectIdentifiers.secp256r1;
          case EC_P384 -> SECObjectIdentifiers.secp384r1;
          default -> throw new IllegalArgumentException(algorithm + " is not an EC algorithm");
        };
    try {
      return oid.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
