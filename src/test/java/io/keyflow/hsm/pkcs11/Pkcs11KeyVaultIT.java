package io.keyflow.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_CLASS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_DERIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TRUSTED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_WRAP_WITH_TRUSTED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_READ_ONLY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_SENSITIVE;

import iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultContract;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.OaepHash;
import io.keyflow.hsm.UsageAttributes;
import io.keyflow.hsm.VaultKey;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;

/** The vault contract on a real PKCS#11 module (SoftHSM2), plus what only a token can show. */
class Pkcs11KeyVaultIT extends KeyVaultContract {

  private SoftHsmToken token;
  private SoftHsmToken untouchedToken;
  private Pkcs11KeyVault vault;

  @BeforeAll
  void openVault() {
    // Both tokens exist before the library is first initialised in this JVM.
    token = SoftHsmToken.create("vault-it");
    untouchedToken = SoftHsmToken.create("refusal-it");
    vault = new Pkcs11KeyVault(token.properties(), token.env());
  }

  @AfterAll
  void closeVault() {
    if (vault != null) {
      vault.close();
    }
  }

  @Override
  protected KeyVault vault() {
    return vault;
  }

  @Override
  protected int objectsPerKey(KeyAlgorithm algorithm) {
    return algorithm.kind() == KeyAlgorithm.Kind.KEY_PAIR ? 2 : 1;
  }

  @Override
  protected int objectsWithId(UUID id) {
    return withSession(
        session -> Pkcs11Objects.findById(session, Pkcs11Templates.ckaId(id)).length);
  }

  @Test
  void theValueOfANonExtractableKeyCannotBeReadFromTheToken() {
    VaultKey key = vault.generate(spec(KeyAlgorithm.AES_256, false));

    long code =
        withSession(
            session -> {
              long handle = Pkcs11Objects.findById(session, Pkcs11Templates.ckaId(key.id()))[0];
              CK_ATTRIBUTE value = new CK_ATTRIBUTE();
              value.type = CKA_VALUE;
              try {
                session
                    .getModule()
                    .getPKCS11Module()
                    .C_GetAttributeValue(
                        session.getSessionHandle(), handle, new CK_ATTRIBUTE[] {value}, true);
                return 0L;
              } catch (iaik.pkcs.pkcs11.wrapper.PKCS11Exception e) {
                return e.getErrorCode();
              }
            });

    assertThat(code).isEqualTo(CKR_ATTRIBUTE_SENSITIVE);
  }

  @Test
  void onlyKeysThatNeverLeaveAreWrapWithTrustedBecauseAUserSessionCannotMarkAWrappingKeyTrusted() {
    VaultKey exportable = vault.generate(spec(KeyAlgorithm.AES_256, true));
    VaultKey kept = vault.generate(spec(KeyAlgorithm.AES_256, false));
    VaultKey kek = vault.generate(spec(KeyAlgorithm.AES_256, false, KeyRole.KEY_WRAPPING));

    Map<String, Object> read =
        withSession(
            session -> {
              Map<String, Object> values = new HashMap<>();
              values.put(
                  "exportable",
                  session
                      .getAttrValues(handle(session, exportable), CKA_WRAP_WITH_TRUSTED)
                      .wrapWithTrusted());
              values.put(
                  "kept",
                  session
                      .getAttrValues(handle(session, kept), CKA_WRAP_WITH_TRUSTED)
                      .wrapWithTrusted());
              long kekHandle = handle(session, kek);
              values.put("kekTrusted", session.getAttrValues(kekHandle, CKA_TRUSTED).trusted());
              try {
                session.setAttributeValues(kekHandle, new AttributeVector().trusted(true));
                values.put("setTrusted", "accepted");
              } catch (PKCS11Exception e) {
                values.put("setTrusted", e.getErrorCode());
              }
              return values;
            });

    assertThat(read)
        .containsEntry("exportable", false)
        .containsEntry("kept", true)
        .containsEntry("kekTrusted", false)
        // SoftHSM2 lets only the Security Officer set CKA_TRUSTED, and Keyflow logs in as the user.
        .containsEntry("setTrusted", CKR_ATTRIBUTE_READ_ONLY);
  }

  @Test
  void usageAttributesAreReadBackFromTheTokenForEachObjectClass() {
    VaultKey pair = vault.generate(spec(KeyAlgorithm.EC_P256, false, KeyRole.SIGNING));

    Map<String, UsageAttributes> usage =
        withSession(
            session -> {
              Map<String, UsageAttributes> byClass = new HashMap<>();
              for (long object :
                  Pkcs11Objects.findById(session, Pkcs11Templates.ckaId(pair.id()))) {
                long objectClass = session.getAttrValues(object, CKA_CLASS).class_();
                byClass.put(
                    Pkcs11Objects.className(objectClass),
                    Pkcs11Objects.usage(session, object, objectClass));
                assertThat(session.getAttrValues(object, CKA_DERIVE).derive()).isFalse();
              }
              return byClass;
            });

    assertThat(usage)
        .containsEntry(
            "PRIVATE_KEY", new UsageAttributes(false, false, false, false, true, false, false))
        .containsEntry(
            "PUBLIC_KEY", new UsageAttributes(false, false, false, false, false, true, false));
  }

  private static long handle(Session session, VaultKey key) throws PKCS11Exception {
    return Pkcs11Objects.findById(session, Pkcs11Templates.ckaId(key.id()))[0];
  }

  @Test
  void refusesToStartWithAWrongPinAndNamesWhereThePinCameFrom() {
    Map<String, String> env = new HashMap<>(untouchedToken.env());
    env.put("KEYFLOW_HSM_PIN", "wrong-pin");

    assertThatThrownBy(() -> new Pkcs11KeyVault(untouchedToken.properties(), env))
        .isInstanceOf(KeyVaultException.Misconfigured.class)
        .hasMessageContaining("rejected the user PIN")
        .hasMessageContaining("KEYFLOW_HSM_PIN")
        .message()
        .doesNotContain("wrong-pin");
  }

  @Test
  void refusesToStartWithoutAPin() {
    Map<String, String> env = new HashMap<>(token.env());
    env.remove("KEYFLOW_HSM_PIN");

    assertThatThrownBy(() -> new Pkcs11KeyVault(token.properties(), env))
        .isInstanceOf(KeyVaultException.Misconfigured.class)
        .hasMessageContaining("KEYFLOW_HSM_PIN")
        .hasMessageContaining("keyflow.hsm.pkcs11.pin-file");
  }

  @Test
  void refusesToStartWithAnUnknownTokenLabelAndListsTheLabelsFound() {
    Pkcs11Properties props =
        new Pkcs11Properties(
            SoftHsmToken.MODULE, "no-such-token", null, null, OaepHash.SHA1, 2, null);

    assertThatThrownBy(() -> new Pkcs11KeyVault(props, token.env()))
        .isInstanceOf(KeyVaultException.Misconfigured.class)
        .hasMessageContaining("keyflow.hsm.pkcs11.token-label")
        .hasMessageContaining(token.label);
  }

  @Test
  void refusesToStartWhenTheModuleFileIsMissing() {
    Pkcs11Properties props =
        new Pkcs11Properties(
            Path.of("/nonexistent/libpkcs11.so"), token.label, null, null, OaepHash.SHA1, 2, null);

    assertThatThrownBy(() -> new Pkcs11KeyVault(props, token.env()))
        .isInstanceOf(KeyVaultException.Misconfigured.class)
        .hasMessageContaining("keyflow.hsm.pkcs11.module");
  }

  @Test
  void refusesToStartWhenTheSoftHsmConfigurationFileIsMissing() {
    Map<String, String> env = new HashMap<>(token.env());
    env.put("SOFTHSM2_CONF", "/nonexistent/softhsm2.conf");

    assertThatThrownBy(() -> new Pkcs11KeyVault(token.properties(), env))
        .isInstanceOf(KeyVaultException.Misconfigured.class)
        .hasMessageContaining("SOFTHSM2_CONF")
        .hasMessageContaining("/nonexistent/softhsm2.conf");
  }

  // ---- a session of the test's own, beside the vault's pool ----

  @FunctionalInterface
  private interface SessionWork<T> {
    T run(Session session) throws PKCS11Exception;
  }

  private <T> T withSession(SessionWork<T> work) {
    Token t =
        new Pkcs11Startup(token.properties(), token.env())
            .findToken(Pkcs11Modules.get(SoftHsmToken.MODULE));
    try {
      Session session = t.openSession(true);
      try {
        return work.run(session);
      } finally {
        session.closeSession();
      }
    } catch (PKCS11Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
