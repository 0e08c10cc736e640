package io.keyflow.crypto;

import io.keyflow.hsm.GcmCiphertext;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.key.KeyOperation;
import io.keyflow.key.KeyUsage;
import io.keyflow.key.KeyUsage.UsableVersion;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Re-encryption after a rotation (compare KMS ReEncrypt, Vault transit {@code rewrap}): ciphertexts
 * (or wrapped data keys) made under any version that may still decrypt come back under the key's
 * primary version, decrypted and encrypted again inside the vault in one call, so the plaintext
 * never leaves Keyflow's process and is zeroed at once. Up to {@link #MAX_ITEMS} items per call,
 * each version's state checked once per call. A COMPROMISED version is refused unless an officer's
 * decrypt exception is open for it, exactly as decryption is (and its use is written to the ledger
 * once per call and version). The batch is all or nothing: the first item that is malformed, from
 * an unusable version or does not authenticate refuses the call, naming the item.
 */
@Service
public class Rewrap {

  /** The most items one call may carry. */
  public static final int MAX_ITEMS = 1000;

  /** One ciphertext to rewrap: its envelope and the AAD it was made with (null for none). */
  public record Item(String ciphertext, byte[] aad) {}

  /** Every item under the primary version, in the order given. */
  public record Rewrapped(String alias, int version, List<Envelope> items) {}

  private final KeyUsage usage;
  private final KeyVault vault;
  private final DecryptExceptions exceptions;

  Rewrap(KeyUsage usage, KeyVault vault, DecryptExceptions exceptions) {
    this.usage = usage;
    this.vault = vault;
    this.exceptions = exceptions;
  }

  /** Rewraps {@code items} under the primary version of {@code alias}, as {@code caller}. */
  public Rewrapped rewrap(String alias, List<Item> items, String caller) {
    if (items == null || items.isEmpty()) {
      throw new Refusal(Kind.INVALID_REQUEST, "items: at least one ciphertext is required");
    }
    if (items.size() > MAX_ITEMS) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "items: at most " + MAX_ITEMS + " per call; this one has " + items.size());
    }
    List<Envelope> envelopes = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      String field = field(items, i, "ciphertext");
      Envelope envelope = Envelope.parse(field, item == null ? null : item.ciphertext());
      envelope.ciphertext(field);
      if (envelope.bytes().length > CryptoService.MAX_PLAINTEXT + 28) {
        throw new Refusal(
            Kind.INVALID_REQUEST,
            field + " is larger than " + CryptoService.MAX_PLAINTEXT + " bytes of plaintext");
      }
      if (item.aad() != null && item.aad().length > CryptoService.MAX_AAD) {
        throw new Refusal(
            Kind.INVALID_REQUEST,
            field(items, i, "aad") + " is larger than " + CryptoService.MAX_AAD + " bytes");
      }
      envelopes.add(envelope);
    }
    UsableVersion primary =
        Purposes.require(
            usage.requireUsable(alias, null, KeyOperation.ENCRYPT), Purposes.DATA, "rewrap");
    Map<Integer, UsableVersion> sources = new HashMap<>();
    List<Envelope> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Envelope envelope = envelopes.get(i);
      UsableVersion from =
          sources.computeIfAbsent(envelope.version(), number -> source(alias, number, caller));
      try {
        GcmCiphertext rewrapped =
            vault.reencrypt(
                from.version().hsmKeyId(),
                envelope.ciphertext("ciphertext"),
                items.get(i).aad(),
                primary.version().hsmKeyId());
        out.add(Envelope.of(primary.version().number(), rewrapped));
      } catch (KeyVaultException.DecryptionFailed e) {
        throw new Refusal(
            Kind.INVALID_REQUEST,
            field(items, i, "ciphertext")
                + ": decryption with version "
                + envelope.version()
                + " of key '"
                + primary.key().alias()
                + "' failed: the ciphertext, AAD or tag do not match; nothing was rewrapped");
      }
    }
    return new Rewrapped(primary.key().alias(), primary.version().number(), out);
  }

  private UsableVersion source(String alias, int number, String caller) {
    try {
      return usage.requireUsable(alias, number, KeyOperation.DECRYPT);
    } catch (Refusal refusal) {
      return exceptions.permitDecrypt(alias, number, caller).orElseThrow(() -> refusal);
    }
  }

  private static String field(List<Item> items, int index, String name) {
    return items.size() == 1 ? name : "items[" + index + "]." + name;
  }
}
