package io.keyflow.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeySpec;
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
    return new Mechanism(switch (algorithm.kind()) {
      case SECRET -> CKM_AES_KEY_GEN;
      case KEY_PAIR -> algorithm.isRsa() ? CKM_RSA_PKCS_KEY_PAIR_GEN : CKM_EC_KEY_PAIR_GEN;
    });
  }

  /** AES-256 for data encryption and for key wrapping (a KEY_WRAPPING key is the same object). */
  static AttributeVector secretKey(KeySpec spec) {
    return AttributeVector.newAESSecretKey()
        .token(true).private_(true).sensitive(true).extractable(spec.exportable())
        .id(ckaId(spec.id())).label(spec.label())
        .valueLen(spec.algorithm().bits() / 8)
        .encrypt(true).decrypt(true).wrap(true).unwrap(true);
  }

  /** RSA or EC signing key pair; both halves carry the same CKA_ID and label. */
  static KeyPairTemplate keyPair(KeySpec spec) {
    KeyAlgorithm algorithm = spec.algorithm();
    KeyPairTemplate template = new KeyPairTemplate(algorithm.isRsa() ? CKK_RSA : CKK_EC)
        .token(true).id(ckaId(spec.id())).labels(spec.label()).signVerify(true);
    template.privateKey().private_(true).sensitive(true).extractable(spec.exportable());
    template.publicKey().private_(false);
    if (algorithm.isRsa()) {
      template.publicKey().modulusBits(algorithm.bits()).publicExponent(RSA_PUBLIC_EXPONENT);
    } else {
      template.publicKey().ecParams(curveOid(algorithm));
    }
    return template;
  }

  /** A session-only copy of a recipient's RSA public key, used once to wrap and then destroyed. */
  static AttributeVector recipientKey(RSAPublicKey key) {
    return AttributeVector.newRSAPublicKey()
        .token(false).private_(false).wrap(true).encrypt(true)
        .modulus(key.getModulus()).publicExponent(key.getPublicExponent());
  }

  /** DER-encoded named-curve OID, as CKA_EC_PARAMS expects. */
  static byte[] curveOid(KeyAlgorithm algorithm) {
    ASN1ObjectIdentifier oid = switch (algorithm) {
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
