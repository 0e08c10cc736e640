package io.keyflow.hsm.software;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.OaepHash;
import io.keyflow.hsm.SignatureMechanism;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/** The JCE operations behind the software vault; material arrives and leaves as bytes to zero. */
final class SoftwareCrypto {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Used as an instance, never registered: only the PSS digest signer comes from it. */
  private static final java.security.Provider BOUNCY_CASTLE =
      new org.bouncycastle.jce.provider.BouncyCastleProvider();

  private SoftwareCrypto() {}

  /** Fresh AES-256 key bytes. */
  static byte[] newAesKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  static KeyPair newKeyPair(KeyAlgorithm algorithm) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.isRsa() ? "RSA" : "EC");
    if (algorithm.isRsa()) {
      generator.initialize(
          new RSAKeyGenParameterSpec(algorithm.bits(), RSAKeyGenParameterSpec.F4), RANDOM);
    } else {
      generator.initialize(
          new ECGenParameterSpec(algorithm == KeyAlgorithm.EC_P256 ? "secp256r1" : "secp384r1"),
          RANDOM);
    }
    return generator.generateKeyPair();
  }

  static PrivateKey privateKey(KeyAlgorithm algorithm, byte[] pkcs8)
      throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm.isRsa() ? "RSA" : "EC")
        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }

  static PublicKey publicKey(KeyAlgorithm algorithm, byte[] x509) throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm.isRsa() ? "RSA" : "EC")
        .generatePublic(new X509EncodedKeySpec(x509));
  }

  static byte[] gcm(int mode, byte[] key, byte[] iv, byte[] aad, byte[] input)
      throws GeneralSecurityException {
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(mode, new SecretKeySpec(key, "AES"), new javax.crypto.spec.GCMParameterSpec(128, iv));
    if (aad != null) {
      gcm.updateAAD(aad);
    }
    return gcm.doFinal(input);
  }

  /** RSA-OAEP with the hash named explicitly for OAEP and MGF1, as the recipient will unwrap it. */
  static byte[] oaepWrap(PublicKey recipient, OaepHash hash, byte[] key)
      throws GeneralSecurityException {
    boolean sha1 = hash == OaepHash.SHA1;
    OAEPParameterSpec params =
        new OAEPParameterSpec(
            sha1 ? "SHA-1" : "SHA-256",
            "MGF1",
            sha1 ? MGF1ParameterSpec.SHA1 : MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT);
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(Cipher.ENCRYPT_MODE, recipient, params);
    return oaep.doFinal(key);
  }

  /** AES key wrap with padding (RFC 5649), the same as PKCS#11 CKM_AES_KEY_WRAP_PAD. */
  static byte[] kwpWrap(byte[] kek, byte[] key) throws GeneralSecurityException {
    Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
    kwp.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"));
    return kwp.doFinal(key);
  }

  /** Fresh HMAC-SHA-256 key bytes (256 bits). */
  static byte[] newHmacKey() {
    return random(32);
  }

  static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  /**
   * Signs a digest: NONEwithRSA over the DigestInfo (PKCS#1 v1.5), NONEwithECDSA over the digest,
   * Bouncy Castle's NONEwithRSAPSS for PSS (the JDK's RSASSA-PSS only signs messages).
   */
  static byte[] signDigest(PrivateKey key, SignatureMechanism mechanism, byte[] digest)
      throws GeneralSecurityException {
    java.security.Signature signer = digestSigner(mechanism);
    signer.initSign(key, RANDOM);
    signer.update(mechanism.isPkcs1() ? mechanism.digestInfo(digest) : digest);
    return signer.sign();
  }

  static boolean verifyDigest(
      PublicKey key, SignatureMechanism mechanism, byte[] digest, byte[] signature)
      throws GeneralSecurityException {
    java.security.Signature verifier = digestSigner(mechanism);
    verifier.initVerify(key);
    verifier.update(mechanism.isPkcs1() ? mechanism.digestInfo(digest) : digest);
    try {
      return verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      return false;
    }
  }

  private static java.security.Signature digestSigner(SignatureMechanism mechanism)
      throws GeneralSecurityException {
    if (mechanism.isPss()) {
      java.security.Signature pss =
          java.security.Signature.getInstance("NONEwithRSAPSS", BOUNCY_CASTLE);
      pss.setParameter(
          new java.security.spec.PSSParameterSpec(
              mechanism.hash(),
              "MGF1",
              new MGF1ParameterSpec(mechanism.hash()),
              mechanism.digestLength(),
              1));
      return pss;
    }
    return java.security.Signature.getInstance(
        mechanism.isPkcs1() ? "NONEwithRSA" : "NONEwithECDSA");
  }

  static byte[] sign(KeyAlgorithm algorithm, PrivateKey key, byte[] data)
      throws GeneralSecurityException {
    java.security.Signature signer =
        java.security.Signature.getInstance(
            algorithm.isRsa() ? "SHA256withRSA" : "SHA256withECDSA");
    signer.initSign(key);
    signer.update(data);
    return signer.sign();
  }
}
