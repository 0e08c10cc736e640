package io.keyflow.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link KeyVault} backend must show. Subclasses provide a fresh vault (own
 * token or own database) and may add backend-specific checks through {@link #objectsWithId}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KeyVaultContract {

  private static final byte[] AAD = "tenant=payments".getBytes(StandardCharsets.UTF_8);

  private KeyPair recipient;

  /** The vault under test, the same instance for the whole class. */
  protected abstract KeyVault vault();

  /** How many stored objects carry this id (PKCS#11: objects with this CKA_ID; software: rows). */
  protected abstract int objectsWithId(UUID id);

  @BeforeAll
  void makeTestRecipient() throws GeneralSecurityException {
    // The recipient is the test's own key: RSA-2048 keeps set-up fast and is only a test fixture.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    recipient = generator.generateKeyPair();
  }

  @Test
  void generatesAnAes256KeyThatCanNeverLeaveTheVault() {
    VaultKey key = vault().generate(spec(KeyAlgorithm.AES_256, false));

    assertThat(key.algorithm()).isEqualTo(KeyAlgorithm.AES_256);
    assertThat(key.kcv()).matches("[0-9a-f]{6}");
    Provenance p = key.provenance();
    assertThat(p.local()).isTrue();
    assertThat(p.sensitive()).isTrue();
    assertThat(p.alwaysSensitive()).isTrue();
    assertThat(p.extractable()).isFalse();
    assertThat(p.neverExtractable()).isTrue();
    assertThat(p.keyGenMechanism()).isEqualTo("CKM_AES_KEY_GEN");
  }

  @Test
  void generatesAnRsa3072KeyPairWhoseSignaturesTheJdkVerifies() throws Exception {
    VaultKey key = vault().generate(spec(KeyAlgorithm.RSA_3072, false));
    byte[] data = "ledger checkpoint 42".getBytes(StandardCharsets.UTF_8);

    byte[] signature = vault().sign(key.id(), data);

    PublicKey publicKey = vault().publicKey(key.id());
    assertThat(verify("SHA256withRSA", publicKey, data, signature)).isTrue();
    assertThat(key.kcv()).isEqualTo(KeyCheckValues.ofPublicKey(publicKey));
    assertThat(key.provenance().keyGenMechanism()).isEqualTo("CKM_RSA_PKCS_KEY_PAIR_GEN");
    assertThat(key.provenance().neverExtractable()).isTrue();
  }

  @Test
  void generatesAnEcP256KeyPairWhoseDerSignaturesTheJdkVerifies() throws Exception {
    VaultKey key = vault().generate(spec(KeyAlgorithm.EC_P256, false));
    byte[] data = "evidence pack".getBytes(StandardCharsets.UTF_8);

    byte[] signature = vault().sign(key.id(), data);

    PublicKey publicKey = vault().publicKey(key.id());
    assertThat(verify("SHA256withECDSA", publicKey, data, signature)).isTrue();
    assertThat(
            verify(
                "SHA256withECDSA", publicKey, "other".getBytes(StandardCharsets.UTF_8), signature))
        .isFalse();
    assertThat(key.kcv()).isEqualTo(KeyCheckValues.ofPublicKey(publicKey));
    assertThat(key.provenance().keyGenMechanism()).isEqualTo("CKM_EC_KEY_PAIR_GEN");
  }

  @Test
  void generatingTheSameIdAgainReturnsTheExistingKeyInsteadOfASecond() {
    KeySpec spec = spec(KeyAlgorithm.EC_P256, false);
    VaultKey first = vault().generate(spec);

    VaultKey again = vault().generate(spec);

    assertThat(again).isEqualTo(first);
    assertThat(vault().find(spec.id())).contains(first);
    assertThat(objectsWithId(spec.id())).isEqualTo(objectsPerKey(KeyAlgorithm.EC_P256));
  }

  @Test
  void generatingAnExistingIdWithAnotherAlgorithmIsAConflict() {
    KeySpec spec = spec(KeyAlgorithm.AES_256, false);
    vault().generate(spec);

    assertThatThrownBy(
            () ->
                vault()
                    .generate(
                        new KeySpec(
                            spec.id(), spec.label(), KeyAlgorithm.EC_P256, false, KeyRole.SIGNING)))
        .isInstanceOf(KeyVaultException.Conflict.class);
  }

  @Test
  void findingAnUnknownIdGivesNothing() {
    assertThat(vault().find(UUID.randomUUID())).isEmpty();
  }

  @Test
  void anExportableAesKeyWrappedForARecipientUnwrapsToTheKeyWithTheReportedKcv() throws Exception {
    VaultKey key = vault().generate(spec(KeyAlgorithm.AES_256, true));
    assertThat(key.provenance().extractable()).isTrue();
    assertThat(key.provenance().neverExtractable()).isFalse();

    WrappedKey wrapped =
        vault().wrapForRecipient(key.id(), recipient.getPublic(), vault().preferredOaepHash());

    byte[] material = unwrapAsRecipient(wrapped.wrapped());
    assertThat(material).hasSize(32);
    assertThat(KeyCheckValues.ofAesKey(material)).isEqualTo(key.kcv()).isEqualTo(wrapped.kcv());
    assertThat(wrapped.mechanism()).isEqualTo("RSA-OAEP-" + vault().preferredOaepHash().name());
  }

  @Test
  void wrapsUnderAKekWithAesKwpThatTheJceUnwraps() throws Exception {
    VaultKey kek = vault().generate(spec(KeyAlgorithm.AES_256, true, KeyRole.KEY_WRAPPING));
    VaultKey key = vault().generate(spec(KeyAlgorithm.AES_256, true));
    byte[] kekMaterial =
        unwrapAsRecipient(
            vault()
                .wrapForRecipient(kek.id(), recipient.getPublic(), vault().preferredOaepHash())
                .wrapped());

    WrappedKey wrapped = vault().wrapUnderKek(key.id(), kek.id());

    Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
    kwp.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kekMaterial, "AES"));
    byte[] material = kwp.doFinal(wrapped.wrapped());
    assertThat(KeyCheckValues.ofAesKey(material)).isEqualTo(key.kcv()).isEqualTo(wrapped.kcv());
    assertThat(wrapped.mechanism()).isEqualTo("AES-KWP");
  }

  @Test
  void aNonExportableKeyIsNeverWrapped() {
    VaultKey key = vault().generate(spec(KeyAlgorithm.AES_256, false));
    VaultKey kek = vault().generate(spec(KeyAlgorithm.AES_256, false, KeyRole.KEY_WRAPPING));

    assertThatThrownBy(
            () ->
                vault()
                    .wrapForRecipient(key.id(), recipient.getPublic(), vault().preferredOaepHash()))
        .isInstanceOf(KeyVaultException.NotExtractable.class);
    assertThatThrownBy(() -> vault().wrapUnderKek(key.id(), kek.id()))
        .isInstanceOf(KeyVaultException.NotExtractable.class);
  }

  @Test
  void everyPurposeIsGeneratedWithExactlyItsLeastPrivilegeUsageAttributes() {
    List<KeySpec> specs =
        List.of(
            spec(KeyAlgorithm.AES_256, true, KeyRole.DATA_ENCRYPTION),
            spec(KeyAlgorithm.AES_256, false, KeyRole.KEY_WRAPPING),
            spec(KeyAlgorithm.RSA_3072, false, KeyRole.KEY_WRAPPING),
            spec(KeyAlgorithm.EC_P256, false, KeyRole.SIGNING),
            spec(KeyAlgorithm.RSA_3072, false, KeyRole.SIGNING),
            spec(KeyAlgorithm.HMAC_SHA256, false, KeyRole.MAC));
    specs.forEach(vault()::generate);

    List<VaultObject> objects = vault().list();

    for (KeySpec spec : specs) {
      List<VaultObject> parts =
          objects.stream().filter(o -> o.id().equals(spec.id().toString())).toList();
      assertThat(parts).as("objects of %s", spec).isNotEmpty();
      for (VaultObject part : parts) {
        UsageAttributes usage = part.usage();
        assertThat(usage)
            .as("%s %s of a %s key", part.objectClass(), spec.algorithm(), spec.role())
            .isEqualTo(spec.role().usage(part.objectClass()));
        assertThat(usage.derive()).isFalse();
        assertThat(usage.wrap() && usage.decrypt()).as("wrap and decrypt on one object").isFalse();
        if (!"PUBLIC_KEY".equals(part.objectClass())) {
          assertThat(part.provenance().sensitive()).isTrue();
          assertThat(part.provenance().extractable()).isEqualTo(spec.exportable());
        }
      }
    }
    UsageAttributes data = KeyRole.DATA_ENCRYPTION.usage("SECRET_KEY");
    assertThat(
            List.of(
                data.encrypt(),
                data.decrypt(),
                data.wrap(),
                data.unwrap(),
                data.sign(),
                data.verify()))
        .containsExactly(true, true, false, false, false, false);
  }

  @Test
  void aKeyIsRefusedEveryOperationOutsideItsRole() {
    VaultKey data = vault().generate(spec(KeyAlgorithm.AES_256, true, KeyRole.DATA_ENCRYPTION));
    VaultKey otherData =
        vault().generate(spec(KeyAlgorithm.AES_256, true, KeyRole.DATA_ENCRYPTION));
    VaultKey kek = vault().generate(spec(KeyAlgorithm.AES_256, false, KeyRole.KEY_WRAPPING));
    VaultKey rsaKek = vault().generate(spec(KeyAlgorithm.RSA_3072, false, KeyRole.KEY_WRAPPING));
    GcmCiphertext sealed = vault().encrypt(data.id(), new byte[] {1, 2, 3}, AAD);

    assertThatThrownBy(() -> vault().wrapUnderKek(otherData.id(), data.id()))
        .isInstanceOf(KeyVaultException.UsageNotPermitted.class)
        .hasMessageContaining("use a key generated for that purpose instead");
    assertThatThrownBy(() -> vault().encrypt(kek.id(), new byte[] {1}, AAD))
        .isInstanceOf(KeyVaultException.UsageNotPermitted.class);
    assertThatThrownBy(() -> vault().decrypt(kek.id(), sealed, AAD))
        .isInstanceOf(KeyVaultException.UsageNotPermitted.class);
    assertThatThrownBy(() -> vault().sign(rsaKek.id(), new byte[] {1}))
        .isInstanceOf(KeyVaultException.UsageNotPermitted.class);
    VaultKey mac = vault().generate(spec(KeyAlgorithm.HMAC_SHA256, false, KeyRole.MAC));
    assertThatThrownBy(() -> vault().mac(data.id(), new byte[] {1}))
        .isInstanceOf(KeyVaultException.UsageNotPermitted.class);
    assertThatThrownBy(() -> vault().encrypt(mac.id(), new byte[] {1}, AAD))
        .isInstanceOf(KeyVaultException.UsageNotPermitted.class);
    assertThatThrownBy(() -> vault().generateDataKey(kek.id(), AAD))
        .isInstanceOf(KeyVaultException.UsageNotPermitted.class);
    // What the key's role allows still works.
    assertThat(vault().wrapUnderKek(otherData.id(), kek.id()).mechanism()).isEqualTo("AES-KWP");
    assertThat(vault().decrypt(data.id(), sealed, AAD)).containsExactly(1, 2, 3);
  }

  @Test
  void aSpecWhoseRoleTheAlgorithmCannotServeIsRejected() {
    assertThatThrownBy(() -> spec(KeyAlgorithm.EC_P256, false, KeyRole.KEY_WRAPPING))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec(KeyAlgorithm.AES_256, false, KeyRole.SIGNING))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec(KeyAlgorithm.RSA_3072, false, KeyRole.DATA_ENCRYPTION))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encryptsAndDecryptsWithAadUnderAFreshIvEachTime() {
    VaultKey key = vault().generate(spec(KeyAlgorithm.AES_256, false));
    byte[] plaintext = "card 4111 1111 1111 1111".getBytes(StandardCharsets.UTF_8);

    GcmCiphertext first = vault().encrypt(key.id(), plaintext, AAD);
    GcmCiphertext second = vault().encrypt(key.id(), plaintext, AAD);

    assertThat(first.iv()).hasSize(12).isNotEqualTo(second.iv());
    assertThat(first.ciphertext()).hasSize(plaintext.length + 16);
    assertThat(vault().decrypt(key.id(), first, AAD)).isEqualTo(plaintext);
  }

  @Test
  void tamperedCiphertextOrWrongAadFailsDecryption() {
    VaultKey key = vault().generate(spec(KeyAlgorithm.AES_256, false));
    GcmCiphertext sealed = vault().encrypt(key.id(), new byte[] {1, 2, 3}, AAD);
    byte[] tampered = sealed.ciphertext().clone();
    tampered[0] ^= 1;

    assertThatThrownBy(
            () -> vault().decrypt(key.id(), new GcmCiphertext(sealed.iv(), tampered), AAD))
        .isInstanceOf(KeyVaultException.DecryptionFailed.class);
    assertThatThrownBy(
            () ->
                vault().decrypt(key.id(), sealed, "tenant=other".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(KeyVaultException.DecryptionFailed.class);
    // The vault stays usable after a failed decryption.
    assertThat(vault().decrypt(key.id(), sealed, AAD)).containsExactly(1, 2, 3);
  }

  @Test
  void aDestroyedKeyIsGoneAndCannotBeUsed() {
    VaultKey key = vault().generate(spec(KeyAlgorithm.AES_256, false));
    VaultKey pair = vault().generate(spec(KeyAlgorithm.EC_P256, false));

    assertThat(vault().destroy(key.id())).isTrue();
    assertThat(vault().destroy(pair.id())).isTrue();

    assertThat(vault().find(key.id())).isEmpty();
    assertThat(objectsWithId(key.id())).isZero();
    assertThat(objectsWithId(pair.id())).isZero();
    assertThat(vault().destroy(key.id())).isFalse();
    assertThatThrownBy(() -> vault().encrypt(key.id(), new byte[] {1}, AAD))
        .isInstanceOf(KeyVaultException.KeyNotFound.class);
    assertThatThrownBy(() -> vault().sign(pair.id(), new byte[] {1}))
        .isInstanceOf(KeyVaultException.KeyNotFound.class);
  }

  @Test
  void listShowsGeneratedKeysWithTheirAttributes() {
    VaultKey aes = vault().generate(spec(KeyAlgorithm.AES_256, true));
    VaultKey ec = vault().generate(spec(KeyAlgorithm.EC_P256, false));

    List<VaultObject> objects = vault().list();

    assertThat(objects)
        .anySatisfy(
            o -> {
              assertThat(o.id()).isEqualTo(aes.id().toString());
              assertThat(o.label()).isEqualTo(aes.label());
              assertThat(o.objectClass()).isEqualTo("SECRET_KEY");
              assertThat(o.keyType()).isEqualTo("AES");
              assertThat(o.kcv()).isEqualTo(aes.kcv());
              assertThat(o.provenance()).isEqualTo(aes.provenance());
            });
    Set<String> ecClasses =
        objects.stream()
            .filter(o -> o.id().equals(ec.id().toString()))
            .peek(o -> assertThat(o.keyType()).isEqualTo("EC"))
            .peek(o -> assertThat(o.kcv()).isEqualTo(ec.kcv()))
            .map(VaultObject::objectClass)
            .collect(Collectors.toSet());
    assertThat(ecClasses).contains("PRIVATE_KEY");
  }

  @Test
  void eightThreadsEncryptAndDecryptAtOnce() throws Exception {
    VaultKey key = vault().generate(spec(KeyAlgorithm.AES_256, false));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    byte[] plaintext =
                        ("thread " + thread + " message " + i).getBytes(StandardCharsets.UTF_8);
                    GcmCiphertext sealed = vault().encrypt(key.id(), plaintext, AAD);
                    assertThat(vault().decrypt(key.id(), sealed, AAD)).isEqualTo(plaintext);
                  }
                  return 200;
                }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void severalThreadsGeneratingTheSameIdMakeOneKey() throws Exception {
    KeySpec spec = spec(KeyAlgorithm.AES_256, false);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<VaultKey>> tasks = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        tasks.add(() -> vault().generate(spec));
      }
      List<VaultKey> keys = new ArrayList<>();
      for (Future<VaultKey> future : pool.invokeAll(tasks)) {
        keys.add(future.get());
      }
      assertThat(keys.stream().map(VaultKey::kcv).distinct()).hasSize(1);
      assertThat(objectsWithId(spec.id())).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- helpers ----

  @Test
  void generatesAnHmacKeyInTheVaultThatMakesAndChecksTags() {
    VaultKey key = vault().generate(spec(KeyAlgorithm.HMAC_SHA256, false, KeyRole.MAC));
    byte[] data = "order 42: 17.50 EUR".getBytes(StandardCharsets.UTF_8);

    byte[] tag = vault().mac(key.id(), data);

    assertThat(key.algorithm()).isEqualTo(KeyAlgorithm.HMAC_SHA256);
    assertThat(key.kcv()).matches("[0-9a-f]{6}");
    assertThat(key.provenance().keyGenMechanism()).isEqualTo("CKM_GENERIC_SECRET_KEY_GEN");
    assertThat(key.provenance().neverExtractable()).isTrue();
    assertThat(tag).hasSize(32).isEqualTo(vault().mac(key.id(), data));
    assertThat(vault().verifyMac(key.id(), data, tag)).isTrue();
    byte[] forged = tag.clone();
    forged[0] ^= 1;
    assertThat(vault().verifyMac(key.id(), data, forged)).isFalse();
    assertThat(vault().verifyMac(key.id(), "order 42: 1750 EUR".getBytes(), tag)).isFalse();
    assertThat(vault().verifyMac(key.id(), data, new byte[5])).isFalse();
  }

  @Test
  void aDataKeyIsFreshEachTimeAndDecryptsToItsPlaintextUnderTheSameAad() {
    VaultKey key = vault().generate(spec(KeyAlgorithm.AES_256, false));

    DataKey first = vault().generateDataKey(key.id(), AAD);
    DataKey second = vault().generateDataKey(key.id(), AAD);

    assertThat(first.plaintext()).hasSize(32).isNotEqualTo(second.plaintext());
    assertThat(first.wrapped().iv()).hasSize(12);
    assertThat(first.wrapped().ciphertext()).hasSize(32 + 16);
    assertThat(vault().decrypt(key.id(), first.wrapped(), AAD)).isEqualTo(first.plaintext());
    assertThatThrownBy(() -> vault().decrypt(key.id(), first.wrapped(), null))
        .isInstanceOf(KeyVaultException.DecryptionFailed.class);
    byte[] plaintext = first.plaintext();
    first.close();
    assertThat(plaintext).containsOnly(0);
  }

  @Test
  void reencryptsACiphertextUnderAnotherKeyInOneCall() {
    VaultKey v1 = vault().generate(spec(KeyAlgorithm.AES_256, false));
    VaultKey v2 = vault().generate(spec(KeyAlgorithm.AES_256, false));
    byte[] plaintext = "row 17 of customers".getBytes(StandardCharsets.UTF_8);
    GcmCiphertext underV1 = vault().encrypt(v1.id(), plaintext, AAD);

    GcmCiphertext underV2 = vault().reencrypt(v1.id(), underV1, AAD, v2.id());

    assertThat(underV2.iv()).isNotEqualTo(underV1.iv());
    assertThat(vault().decrypt(v2.id(), underV2, AAD)).isEqualTo(plaintext);
    assertThatThrownBy(() -> vault().decrypt(v1.id(), underV2, AAD))
        .isInstanceOf(KeyVaultException.DecryptionFailed.class);
    assertThatThrownBy(() -> vault().reencrypt(v1.id(), underV1, null, v2.id()))
        .isInstanceOf(KeyVaultException.DecryptionFailed.class);
    VaultKey kek = vault().generate(spec(KeyAlgorithm.AES_256, false, KeyRole.KEY_WRAPPING));
    assertThatThrownBy(() -> vault().reencrypt(v1.id(), underV1, AAD, kek.id()))
        .isInstanceOf(KeyVaultException.UsageNotPermitted.class);
  }

  @Test
  void signsDigestsWithEverySchemeAndTheJdkVerifiesTheMessages() throws Exception {
    VaultKey rsa = vault().generate(spec(KeyAlgorithm.RSA_3072, false));
    VaultKey p256 = vault().generate(spec(KeyAlgorithm.EC_P256, false));
    VaultKey p384 = vault().generate(spec(KeyAlgorithm.EC_P384, false));
    byte[] message = "release 4.2.0.tar.gz".getBytes(StandardCharsets.UTF_8);

    for (SignatureMechanism mechanism : SignatureMechanism.values()) {
      for (VaultKey key : mechanism.isEcdsa() ? List.of(p256, p384) : List.of(rsa)) {
        byte[] digest = java.security.MessageDigest.getInstance(mechanism.hash()).digest(message);

        byte[] signature = vault().signDigest(key.id(), mechanism, digest);

        String what = mechanism + " with " + key.algorithm();
        assertThat(jdkVerify(mechanism, vault().publicKey(key.id()), message, signature))
            .as(what)
            .isTrue();
        assertThat(vault().verifyDigest(key.id(), mechanism, digest, signature)).as(what).isTrue();
        byte[] other = digest.clone();
        other[0] ^= 1;
        assertThat(vault().verifyDigest(key.id(), mechanism, other, signature)).as(what).isFalse();
        byte[] forged = signature.clone();
        forged[forged.length - 1] ^= 1;
        assertThat(vault().verifyDigest(key.id(), mechanism, digest, forged)).as(what).isFalse();
        assertThat(vault().verifyDigest(key.id(), mechanism, digest, new byte[] {1, 2, 3}))
            .as(what)
            .isFalse();
      }
    }
  }

  @Test
  void aDigestOfAnotherLengthOrASchemeOfAnotherKeyTypeIsRefused() {
    VaultKey ec = vault().generate(spec(KeyAlgorithm.EC_P256, false));

    assertThatThrownBy(
            () -> vault().signDigest(ec.id(), SignatureMechanism.ECDSA_SHA256, new byte[20]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> vault().signDigest(ec.id(), SignatureMechanism.RSA_PSS_SHA256, new byte[32]))
        .isInstanceOf(KeyVaultException.Conflict.class);
  }

  @Test
  void randomBytesComeFromTheVaultInTheLengthAsked() {
    byte[] first = vault().random(1024);
    byte[] second = vault().random(1024);

    assertThat(first).hasSize(1024).isNotEqualTo(second);
    assertThat(vault().random(1)).hasSize(1);
    assertThatThrownBy(() -> vault().random(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static boolean jdkVerify(
      SignatureMechanism mechanism, PublicKey key, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    String hash = mechanism.hash().replace("-", "");
    Signature verifier;
    if (mechanism.isPss()) {
      verifier = Signature.getInstance("RSASSA-PSS");
      verifier.setParameter(
          new java.security.spec.PSSParameterSpec(
              mechanism.hash(),
              "MGF1",
              new MGF1ParameterSpec(mechanism.hash()),
              mechanism.digestLength(),
              1));
    } else {
      verifier = Signature.getInstance(hash + (mechanism.isEcdsa() ? "withECDSA" : "withRSA"));
    }
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }

  /** A data key for AES, a signing key pair otherwise. */
  protected static KeySpec spec(KeyAlgorithm algorithm, boolean exportable) {
    return spec(
        algorithm,
        exportable,
        algorithm.kind() == KeyAlgorithm.Kind.SECRET ? KeyRole.DATA_ENCRYPTION : KeyRole.SIGNING);
  }

  protected static KeySpec spec(KeyAlgorithm algorithm, boolean exportable, KeyRole role) {
    UUID id = UUID.randomUUID();
    return new KeySpec(
        id, "keyflow/test/" + id.toString().substring(0, 8), algorithm, exportable, role);
  }

  /** Stored objects per key: PKCS#11 keeps a pair as two objects, the software vault as one row. */
  protected int objectsPerKey(KeyAlgorithm algorithm) {
    return 1;
  }

  private byte[] unwrapAsRecipient(byte[] wrapped) throws GeneralSecurityException {
    boolean sha1 = vault().preferredOaepHash() == OaepHash.SHA1;
    OAEPParameterSpec params =
        new OAEPParameterSpec(
            sha1 ? "SHA-1" : "SHA-256",
            "MGF1",
            sha1 ? MGF1ParameterSpec.SHA1 : MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT);
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(Cipher.DECRYPT_MODE, recipient.getPrivate(), params);
    return oaep.doFinal(wrapped);
  }

  private static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(key);
    verifier.update(data);
    return verifier.verify(signature);
  }
}
