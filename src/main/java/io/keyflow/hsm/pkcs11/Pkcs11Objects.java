package io.keyflow.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyCheckValues;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.Provenance;
import io.keyflow.hsm.UsageAttributes;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/**
 * Reads Keyflow's view of token objects: handles by CKA_ID, algorithm, provenance, public key, KCV.
 */
final class Pkcs11Objects {

  /**
   * The objects that make up one key: the secret or private key ({@code primary}) and, for a key
   * pair, the public key ({@code publicKey}, else -1).
   */
  record Handles(long primary, long publicKey, long objectClass) {}

  private Pkcs11Objects() {}

  /** Every object with this CKA_ID. The find is always finalised, or the session stays blocked. */
  static long[] findById(Session session, byte[] ckaId) throws PKCS11Exception {
    return findAll(session, new AttributeVector().id(ckaId));
  }

  static long[] findAll(Session session, AttributeVector template) throws PKCS11Exception {
    session.findObjectsInit(template);
    try {
      long[] all = new long[0];
      long[] batch;
      while ((batch = session.findObjects(256)).length > 0) {
        long[] grown = Arrays.copyOf(all, all.length + batch.length);
        System.arraycopy(batch, 0, grown, all.length, batch.length);
        all = grown;
      }
      return all;
    } finally {
      session.findObjectsFinal();
    }
  }

  /**
   * Groups the objects found for one id; null when none is a key. Two keys of one class under one
   * CKA_ID (a token restored apart from Keyflow's database, or an object placed by hand) are
   * refused: which one was meant cannot be told, and the storage attestation lists both.
   */
  static Handles handles(Session session, UUID id, long[] objects) throws PKCS11Exception {
    long primary = -1;
    long publicKey = -1;
    long primaryClass = -1;
    for (long handle : objects) {
      long objectClass = session.getAttrValues(handle, CKA_CLASS).class_();
      if (objectClass == CKO_SECRET_KEY || objectClass == CKO_PRIVATE_KEY) {
        if (primary != -1) {
          throw ambiguous(id);
        }
        primary = handle;
        primaryClass = objectClass;
      } else if (objectClass == CKO_PUBLIC_KEY) {
        if (publicKey != -1) {
          throw ambiguous(id);
        }
        publicKey = handle;
      }
    }
    return primary == -1 ? null : new Handles(primary, publicKey, primaryClass);
  }

  private static KeyVaultException.Conflict ambiguous(UUID id) {
    return new KeyVaultException.Conflict(
        "More than one key on the token has CKA_ID "
            + id
            + "; Keyflow will not choose one. Run the storage attestation, which lists them, and remove the"
            + " object that is not the recorded key (compare its KCV with the inventory's)");
  }

  /**
   * The Keyflow algorithm of a key, or null for a key Keyflow cannot represent (foreign object).
   */
  static KeyAlgorithm algorithm(Session session, Handles handles) throws PKCS11Exception {
    long described = handles.publicKey() != -1 ? handles.publicKey() : handles.primary();
    AttributeVector attrs = session.getAttrValues(described, CKA_KEY_TYPE);
    long keyType = attrs.keyType();
    if (keyType == CKK_AES) {
      Integer length = session.getAttrValues(described, CKA_VALUE_LEN).valueLen();
      return length != null && length == 32 ? KeyAlgorithm.AES_256 : null;
    }
    if (keyType == CKK_GENERIC_SECRET) {
      Integer length = session.getAttrValues(described, CKA_VALUE_LEN).valueLen();
      return length != null && length == 32 ? KeyAlgorithm.HMAC_SHA256 : null;
    }
    if (keyType == CKK_RSA) {
      BigInteger modulus = session.getAttrValues(described, CKA_MODULUS).modulus();
      int bits = modulus == null ? 0 : modulus.bitLength();
      return bits == 3072 ? KeyAlgorithm.RSA_3072 : bits == 4096 ? KeyAlgorithm.RSA_4096 : null;
    }
    if (keyType == CKK_EC) {
      byte[] params = session.getAttrValues(described, CKA_EC_PARAMS).ecParams();
      if (Arrays.equals(params, Pkcs11Templates.curveOid(KeyAlgorithm.EC_P256))) {
        return KeyAlgorithm.EC_P256;
      }
      return Arrays.equals(params, Pkcs11Templates.curveOid(KeyAlgorithm.EC_P384))
          ? KeyAlgorithm.EC_P384
          : null;
    }
    return null;
  }

  /** Provenance as the token reports it; attributes a public key lacks read as not sensitive. */
  static Provenance provenance(Session session, long handle) throws PKCS11Exception {
    AttributeVector a =
        session.getAttrValues(
            handle,
            CKA_LOCAL,
            CKA_SENSITIVE,
            CKA_ALWAYS_SENSITIVE,
            CKA_EXTRACTABLE,
            CKA_NEVER_EXTRACTABLE,
            CKA_KEY_GEN_MECHANISM);
    Long mechanism = a.keyGenMechanism();
    String mechanismName =
        mechanism == null
                || mechanism == CK_UNAVAILABLE_INFORMATION
                || mechanism == CK_UNAVAILABLE_INFORMATION_2
            ? "UNAVAILABLE"
            : ckmCodeToName(mechanism);
    return new Provenance(
        isTrue(a.local()),
        isTrue(a.sensitive()),
        isTrue(a.alwaysSensitive()),
        a.extractable() == null || a.extractable(),
        isTrue(a.neverExtractable()),
        mechanismName);
  }

  /**
   * The usage attributes as the token reports them. Only those the object class has are asked for
   * (CKA_SIGN on a public key would be CKR_ATTRIBUTE_TYPE_INVALID); the others read as false.
   */
  static UsageAttributes usage(Session session, long handle, long objectClass)
      throws PKCS11Exception {
    AttributeVector a =
        objectClass == CKO_PRIVATE_KEY
            ? session.getAttrValues(handle, CKA_DECRYPT, CKA_SIGN, CKA_UNWRAP, CKA_DERIVE)
            : objectClass == CKO_PUBLIC_KEY
                ? session.getAttrValues(handle, CKA_ENCRYPT, CKA_VERIFY, CKA_WRAP, CKA_DERIVE)
                : session.getAttrValues(
                    handle,
                    CKA_ENCRYPT,
                    CKA_DECRYPT,
                    CKA_WRAP,
                    CKA_UNWRAP,
                    CKA_SIGN,
                    CKA_VERIFY,
                    CKA_DERIVE);
    return new UsageAttributes(
        isTrue(a.encrypt()),
        isTrue(a.decrypt()),
        isTrue(a.wrap()),
        isTrue(a.unwrap()),
        isTrue(a.sign()),
        isTrue(a.verify()),
        isTrue(a.derive()));
  }

  /** The JCE form of a public key object (RSA or EC); its X.509 encoding feeds the KCV. */
  static PublicKey publicKey(Session session, long handle) throws PKCS11Exception {
    long keyType = session.getAttrValues(handle, CKA_KEY_TYPE).keyType();
    try {
      if (keyType == CKK_RSA) {
        AttributeVector a = session.getAttrValues(handle, CKA_MODULUS, CKA_PUBLIC_EXPONENT);
        return KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(a.modulus(), a.publicExponent()));
      }
      AttributeVector a = session.getAttrValues(handle, CKA_EC_PARAMS, CKA_EC_POINT);
      SubjectPublicKeyInfo info =
          new SubjectPublicKeyInfo(
              new AlgorithmIdentifier(
                  X9ObjectIdentifiers.id_ecPublicKey,
                  ASN1ObjectIdentifier.getInstance(a.ecParams())),
              a.ecPoint());
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("The token returned a public key the JDK cannot decode", e);
    }
  }

  /**
   * KCV: CKA_CHECK_VALUE for AES keys, HMAC-SHA-256 of a zero block for HMAC keys (computed by the
   * token with C_Sign: SoftHSM2 keeps no check value of its own for generic secrets that matches
   * another backend's), SHA-256 of the public key for pairs; null if unknown.
   */
  static String kcv(Session session, Handles handles) throws PKCS11Exception {
    if (handles.objectClass() == CKO_SECRET_KEY
        && Long.valueOf(CKK_GENERIC_SECRET)
            .equals(session.getAttrValues(handles.primary(), CKA_KEY_TYPE).keyType())) {
      return KeyCheckValues.ofCheckValue(
          session.signSingle(
              new org.xipki.pkcs11.wrapper.Mechanism(CKM_SHA256_HMAC),
              handles.primary(),
              new byte[16]));
    }
    if (handles.objectClass() == CKO_SECRET_KEY) {
      byte[] checkValue = session.getAttrValues(handles.primary(), CKA_CHECK_VALUE).checkValue();
      return checkValue == null || checkValue.length < 3
          ? null
          : KeyCheckValues.ofCheckValue(checkValue);
    }
    return handles.publicKey() == -1
        ? null
        : KeyCheckValues.ofPublicKey(publicKey(session, handles.publicKey()));
  }

  /** CKA_ID as Keyflow shows it: the UUID for 16-byte ids, hex otherwise. */
  static String idText(byte[] ckaId) {
    if (ckaId == null) {
      return "";
    }
    if (ckaId.length == 16) {
      ByteBuffer buffer = ByteBuffer.wrap(ckaId);
      return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }
    return HexFormat.of().formatHex(ckaId);
  }

  static String className(long objectClass) {
    return objectClass == CKO_SECRET_KEY
        ? "SECRET_KEY"
        : objectClass == CKO_PRIVATE_KEY ? "PRIVATE_KEY" : "PUBLIC_KEY";
  }

  static String keyTypeName(Long keyType) {
    if (keyType == null) {
      return "UNKNOWN";
    }
    String name = codeToName(Category.CKK, keyType);
    return name != null && name.startsWith("CKK_") ? name.substring(4) : String.valueOf(name);
  }

  static List<Long> keyClasses() {
    return new ArrayList<>(List.of(CKO_SECRET_KEY, CKO_PRIVATE_KEY, CKO_PUBLIC_KEY));
  }

  private static boolean isTrue(Boolean value) {
    return value != null && value;
  }
}
