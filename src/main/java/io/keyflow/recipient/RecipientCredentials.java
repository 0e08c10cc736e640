package io.keyflow.recipient;

import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import io.keyflow.shared.Sha256;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Checks what a recipient registers — its TLS client certificate and the public key packages are
 * wrapped under — against policy: one well-formed PEM X.509 certificate, valid now, with an RSA key
 * of at least 3072 bits or an EC key on a curve of at least 256 bits; a wrapping key that is RSA of
 * at least 3072 bits. Every refusal is a {@link Refusal} that says which rule was broken; a refusal
 * never echoes the submitted PEM (someone may have pasted a private key by mistake).
 */
public final class RecipientCredentials {

  /** The smallest RSA modulus policy accepts, for client certificates and wrapping keys alike. */
  public static final int MIN_RSA_BITS = 3072;

  /** The smallest EC field size policy accepts for client certificates (P-256). */
  public static final int MIN_EC_BITS = 256;

  static final int MAX_PEM_LENGTH = 16_384;

  /**
   * The checked client certificate.
   *
   * @param sha256 SHA-256 over the DER encoding, lowercase hex: what a TLS peer is matched by
   */
  public record Certificate(
      String pem,
      String sha256,
      String subject,
      Instant notBefore,
      Instant notAfter,
      String keyAlgorithm,
      int keyBits,
      SubjectPublicKeyInfo publicKey) {}

  /**
   * The checked RSA wrapping key.
   *
   * @param sha256 SHA-256 over its X.509 SubjectPublicKeyInfo encoding, lowercase hex
   */
  public record WrappingKey(String pem, int bits, String sha256) {}

  private RecipientCredentials() {}

  /** Parses and checks a client certificate as valid at {@code now}. */
  public static Certificate certificate(String pem, Instant now) {
    Object parsed = singlePemObject(pem, "certificatePem", "an X.509 certificate");
    if (!(parsed instanceof X509CertificateHolder holder)) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "certificatePem must be a PEM X.509 certificate (-----BEGIN CERTIFICATE-----); found "
              + describe(parsed));
    }
    Instant notBefore = holder.getNotBefore().toInstant();
    Instant notAfter = holder.getNotAfter().toInstant();
    if (now.isBefore(notBefore)) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "The certificate is not yet valid: it is valid from "
              + notBefore
              + " (now is "
              + now
              + ")");
    }
    if (now.isAfter(notAfter)) {
      throw new Refusal(Kind.POLICY_VIOLATED, "The certificate expired on " + notAfter);
    }
    SubjectPublicKeyInfo key = holder.getSubjectPublicKeyInfo();
    KeyDescription description = describeKey(key, "The certificate's key");
    if (description.rsa() ? description.bits() < MIN_RSA_BITS : description.bits() < MIN_EC_BITS) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "The certificate's key is "
              + description.name()
              + ", weaker than policy allows (RSA-"
              + MIN_RSA_BITS
              + " or EC P-"
              + MIN_EC_BITS
              + " at least)");
    }
    byte[] der = encoded(holder);
    try {
      // What the TLS layer will see: the JDK must read the certificate the way BouncyCastle did.
      java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(new java.io.ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "certificatePem is not an X.509 certificate the TLS layer can read");
    }
    return new Certificate(
        pem("CERTIFICATE", der),
        sha256(der),
        holder.getSubject().toString(),
        notBefore,
        notAfter,
        description.rsa() ? "RSA" : "EC",
        description.bits(),
        key);
  }

  /** Parses and checks a wrapping public key PEM (SubjectPublicKeyInfo or PKCS#1 RSA). */
  public static WrappingKey wrappingKey(String pem) {
    Object parsed = singlePemObject(pem, "wrappingPublicKeyPem", "an RSA public key");
    if (!(parsed instanceof SubjectPublicKeyInfo key)) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "wrappingPublicKeyPem must be a PEM public key (-----BEGIN PUBLIC KEY-----); found "
              + describe(parsed));
    }
    return wrappingKey(key, "The wrapping key");
  }

  /** The certificate's own key as the wrapping key, when the recipient named no other. */
  public static WrappingKey wrappingKeyOf(Certificate certificate) {
    return wrappingKey(
        certificate.publicKey(),
        "The certificate's key, used as wrapping key since none was given,");
  }

  /** The RSA public key of a checked wrapping key PEM, for the vault. */
  public static RSAPublicKey rsaPublicKey(String wrappingKeyPem) {
    Object parsed = singlePemObject(wrappingKeyPem, "wrappingPublicKeyPem", "an RSA public key");
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(((SubjectPublicKeyInfo) parsed).getEncoded()));
    } catch (GeneralSecurityException | IOException | ClassCastException e) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "The registered wrapping key is not a usable RSA public key");
    }
  }

  /** SHA-256 of DER bytes as lowercase hex: how certificates and keys are fingerprinted here. */
  public static String sha256(byte[] der) {
    return Sha256.hex(der);
  }

  private static WrappingKey wrappingKey(SubjectPublicKeyInfo key, String what) {
    KeyDescription description = describeKey(key, what);
    if (!description.rsa()) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          what
              + " is "
              + description.name()
              + ": keys are wrapped for a recipient with RSA-OAEP, so its"
              + " wrapping key must be RSA (or register a KEK for AES key wrap)");
    }
    if (description.bits() < MIN_RSA_BITS) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          what
              + " is "
              + description.name()
              + ", weaker than the policy minimum of RSA-"
              + MIN_RSA_BITS);
    }
    byte[] der = encoded(key);
    return new WrappingKey(pem("PUBLIC KEY", der), description.bits(), sha256(der));
  }

  private record KeyDescription(boolean rsa, int bits, String name) {}

  private static KeyDescription describeKey(SubjectPublicKeyInfo key, String what) {
    ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
      try {
        BigInteger modulus =
            org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(key.parsePublicKey()).getModulus();
        int bits = modulus.bitLength();
        return new KeyDescription(true, bits, "RSA-" + bits);
      } catch (IOException | IllegalArgumentException e) {
        throw new Refusal(Kind.INVALID_REQUEST, what + " is a malformed RSA public key");
      }
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
      var parameters = key.getAlgorithm().getParameters();
      if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
        throw new Refusal(
            Kind.POLICY_VIOLATED,
            what + " uses explicit EC parameters; only named curves are allowed");
      }
      X9ECParameters named = ECNamedCurveTable.getByOID(curve);
      if (named == null) {
        throw new Refusal(
            Kind.POLICY_VIOLATED, what + " uses an unknown EC curve (" + curve.getId() + ")");
      }
      String name = ECNamedCurveTable.getName(curve);
      int bits = named.getCurve().getFieldSize();
      return new KeyDescription(
          false, bits, "EC " + (name == null ? curve.getId() : name) + " (" + bits + " bits)");
    }
    throw new Refusal(
        Kind.POLICY_VIOLATED,
        what + " has algorithm " + algorithm.getId() + "; only RSA and EC keys are allowed");
  }

  /** Exactly one PEM object, or a refusal that says what was wrong without repeating the input. */
  private static Object singlePemObject(String pem, String field, String expected) {
    if (pem == null || pem.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, field + " is required: " + expected + " in PEM form");
    }
    if (pem.length() > MAX_PEM_LENGTH) {
      throw new Refusal(
          Kind.INVALID_REQUEST, field + " is longer than " + MAX_PEM_LENGTH + " characters");
    }
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      throw new Refusal(
          Kind.INVALID_REQUEST, field + " is not well-formed PEM (" + expected + " expected)");
    }
    if (objects.isEmpty()) {
      throw new Refusal(
          Kind.INVALID_REQUEST, field + " holds no PEM object (" + expected + " expected)");
    }
    for (Object object : objects) {
      if (isPrivate(object)) {
        throw new Refusal(
            Kind.INVALID_REQUEST,
            field
                + " contains a private key. Keyflow never accepts private keys: send only "
                + expected
                + ", and treat the private key you sent as exposed");
      }
    }
    if (objects.size() > 1) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          field + " holds " + objects.size() + " PEM objects; send exactly one");
    }
    return objects.get(0);
  }

  private static boolean isPrivate(Object object) {
    return object instanceof org.bouncycastle.openssl.PEMKeyPair
        || object instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo
        || object instanceof org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo
        || object instanceof org.bouncycastle.openssl.PEMEncryptedKeyPair;
  }

  private static String describe(Object parsed) {
    if (parsed instanceof X509CertificateHolder) {
      return "a certificate";
    }
    if (parsed instanceof SubjectPublicKeyInfo) {
      return "a public key";
    }
    return "a "
        + parsed.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
  }

  private static byte[] encoded(org.bouncycastle.asn1.ASN1Encodable value) {
    try {
      return value.toASN1Primitive().getEncoded("DER");
    } catch (IOException e) {
      throw new Refusal(Kind.INVALID_REQUEST, "The PEM content cannot be DER-encoded");
    }
  }

  private static byte[] encoded(X509CertificateHolder holder) {
    try {
      return holder.getEncoded();
    } catch (IOException e) {
      throw new Refusal(Kind.INVALID_REQUEST, "The certificate cannot be DER-encoded");
    }
  }

  /** Canonical PEM of DER bytes, so stored PEM does not depend on how it was pasted. */
  static String pem(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new IllegalStateException("Writing PEM to memory failed", e);
    }
    return out.toString();
  }
}
