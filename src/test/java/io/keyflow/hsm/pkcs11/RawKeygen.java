package io.keyflow.hsm.pkcs11;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeySpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;

/**
 * Benchmarks only: bare {@code C_GenerateKey} calls through the same wrapper, module instance and
 * template as {@link Pkcs11KeyVault} (an AES-256 data-encryption token object with a Keyflow CKA_ID
 * and label), with none of the vault's lookups, attribute reads or caching around them.
 */
public final class RawKeygen {

  private final PKCS11Module module;
  private final String tokenLabel;
  private final char[] pin;

  public RawKeygen(Path library, String tokenLabel, String pin) {
    this.module = Pkcs11Modules.get(library);
    this.tokenLabel = tokenLabel;
    this.pin = pin.toCharArray();
  }

  /** Keyflow's own PKCS#11 vault (the class the application runs) on a token of its own. */
  public static io.keyflow.hsm.KeyVault keyflowVault(SoftHsmToken token) {
    return new Pkcs11KeyVault(token.properties(), token.env());
  }

  /** Generates {@code count} keys on {@code threads} sessions; returns their ids. */
  public List<UUID> generate(int count, int threads, String labelPrefix) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<UUID>>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int share = count / threads + (t < count % threads ? 1 : 0);
        parts.add(pool.submit(() -> generateOnOneSession(share, labelPrefix)));
      }
      List<UUID> ids = new ArrayList<>();
      for (Future<List<UUID>> part : parts) {
        ids.addAll(part.get());
      }
      return ids;
    } finally {
      pool.shutdownNow();
    }
  }

  private List<UUID> generateOnOneSession(int count, String labelPrefix) throws PKCS11Exception {
    Session session = token().openSession(true);
    try {
      try {
        session.login(PKCS11Constants.CKU_USER, pin);
      } catch (PKCS11Exception e) {
        if (e.getErrorCode() != PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN) {
          throw e;
        }
      }
      List<UUID> ids = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        UUID id = UUID.randomUUID();
        KeySpec spec =
            new KeySpec(
                id,
                labelPrefix + "/" + id + "/v1",
                KeyAlgorithm.AES_256,
                false,
                KeyRole.DATA_ENCRYPTION);
        session.generateKey(
            Pkcs11Templates.generationMechanism(spec.algorithm()), Pkcs11Templates.secretKey(spec));
        ids.add(id);
      }
      return ids;
    } finally {
      session.closeSession();
    }
  }

  private Token token() throws PKCS11Exception {
    for (Slot slot : module.getSlotList(true)) {
      Token token = slot.getToken();
      if (token.getTokenInfo().getLabel().strip().equals(tokenLabel)) {
        return token;
      }
    }
    throw new IllegalStateException("No token labelled " + tokenLabel);
  }
}
