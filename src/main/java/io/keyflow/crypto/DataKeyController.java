package io.keyflow.crypto;

import io.keyflow.access.AccessOperation;
import io.keyflow.shared.Refusal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Envelope encryption and rewrap for using systems: {@code data-keys} needs the {@code encrypt}
 * grant, {@code data-keys/decrypt} {@code decrypt}, {@code rewrap} both (it decrypts under the old
 * version and encrypts under the primary one). Nothing here logs a key, plaintext or ciphertext.
 */
@RestController
@RequestMapping("/api/keys")
class DataKeyController {

  private final DataKeys dataKeys;
  private final Rewrap rewrap;
  private final CallingSystem caller;

  DataKeyController(DataKeys dataKeys, Rewrap rewrap, CallingSystem caller) {
    this.dataKeys = dataKeys;
    this.rewrap = rewrap;
    this.caller = caller;
  }

  /**
   * @param aad optional additional authenticated data (base64) bound to the wrapped key
   */
  record DataKeyRequest(String aad) {}

  /**
   * @param plaintext the data key (base64), absent when {@code ?plaintext=false}
   * @param wrapped the data key wrapped under {@code version}: {@code keyflow:v<N>:<base64 of IV,
   *     ciphertext and tag>}
   */
  record DataKeyResponse(String alias, int version, String plaintext, String wrapped) {}

  record UnwrapRequest(String wrapped, String aad) {}

  record UnwrapResponse(String alias, int version, String plaintext) {}

  /**
   * One ciphertext: an envelope in {@code ciphertext}, or {@code /encrypt}'s output as {@code
   * version}, {@code iv} and {@code ciphertext}.
   */
  record RewrapItem(Integer version, String iv, String ciphertext, String aad) {}

  /** One item ({@code ciphertext}, …) or a batch ({@code items}, up to 1,000). */
  record RewrapRequest(
      Integer version, String iv, String ciphertext, String aad, List<RewrapItem> items) {}

  /** A rewrapped ciphertext: the envelope, and the same as {@code /encrypt} answers it. */
  record RewrappedItem(int version, String ciphertext, String iv, String raw) {}

  /** Single form: {@code ciphertext} and the rest; batch form: {@code items} in request order. */
  record RewrapResponse(
      String alias, int version, String ciphertext, String iv, List<RewrappedItem> items) {}

  @PostMapping("/{alias}/data-keys")
  DataKeyResponse issue(
      @PathVariable String alias,
      @RequestParam(name = "plaintext", defaultValue = "true") boolean plaintext,
      @RequestBody(required = false) DataKeyRequest request) {
    caller.require(alias, AccessOperation.ENCRYPT);
    byte[] aad = request == null ? null : Base64Fields.decode("aad", request.aad(), false);
    DataKeys.Issued issued = dataKeys.issue(alias, aad, plaintext);
    String key = Base64Fields.encode(issued.plaintext());
    if (issued.plaintext() != null) {
      Arrays.fill(issued.plaintext(), (byte) 0);
    }
    return new DataKeyResponse(issued.alias(), issued.version(), key, issued.wrapped());
  }

  @PostMapping("/{alias}/data-keys/decrypt")
  UnwrapResponse unwrap(@PathVariable String alias, @RequestBody UnwrapRequest request) {
    String system = caller.require(alias, AccessOperation.DECRYPT);
    byte[] plaintext =
        dataKeys.unwrap(
            alias, request.wrapped(), Base64Fields.decode("aad", request.aad(), false), system);
    try {
      return new UnwrapResponse(
          alias,
          Envelope.parse("wrapped", request.wrapped()).version(),
          Base64Fields.encode(plaintext));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @PostMapping("/{alias}/rewrap")
  RewrapResponse rewrap(@PathVariable String alias, @RequestBody RewrapRequest request) {
    boolean batch = request.items() != null;
    if (batch && request.ciphertext() != null) {
      throw new Refusal(
          Refusal.Kind.INVALID_REQUEST,
          "items or ciphertext: send one ciphertext or a batch of items, not both");
    }
    List<RewrapItem> given =
        batch
            ? request.items()
            : List.of(
                new RewrapItem(
                    request.version(), request.iv(), request.ciphertext(), request.aad()));
    List<Rewrap.Item> items = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      items.add(item(given.get(i), batch ? "items[" + i + "]." : ""));
    }
    String system = caller.require(alias, AccessOperation.DECRYPT, AccessOperation.ENCRYPT);
    Rewrap.Rewrapped out = rewrap.rewrap(alias, items, system);
    List<RewrappedItem> rewrapped =
        out.items().stream()
            .map(
                e -> {
                  var gcm = e.ciphertext("ciphertext");
                  return new RewrappedItem(
                      e.version(),
                      e.text(),
                      Base64Fields.encode(gcm.iv()),
                      Base64Fields.encode(gcm.ciphertext()));
                })
            .toList();
    if (batch) {
      return new RewrapResponse(out.alias(), out.version(), null, null, rewrapped);
    }
    RewrappedItem one = rewrapped.get(0);
    return new RewrapResponse(out.alias(), out.version(), one.ciphertext(), one.iv(), null);
  }

  /**
   * An item as the service takes it: the envelope, built from /encrypt's three fields if need be.
   */
  private static Rewrap.Item item(RewrapItem item, String prefix) {
    if (item == null) {
      throw new Refusal(Refusal.Kind.INVALID_REQUEST, prefix + "ciphertext is required");
    }
    byte[] aad = Base64Fields.decode(prefix + "aad", item.aad(), false);
    if (item.ciphertext() == null || Envelope.looksLikeOne(item.ciphertext())) {
      return new Rewrap.Item(item.ciphertext(), aad);
    }
    if (item.version() == null || item.iv() == null) {
      throw new Refusal(
          Refusal.Kind.INVALID_REQUEST,
          prefix
              + "ciphertext: an envelope (keyflow:v<N>:...) or version, iv and ciphertext as"
              + " /encrypt returns them");
    }
    if (item.version() < 1) {
      throw new Refusal(Refusal.Kind.INVALID_REQUEST, prefix + "version must be positive");
    }
    byte[] iv = Base64Fields.decode(prefix + "iv", item.iv(), true);
    if (iv.length != CryptoService.IV_LENGTH) {
      throw new Refusal(
          Refusal.Kind.INVALID_REQUEST,
          prefix + "iv must be " + CryptoService.IV_LENGTH + " bytes; it is " + iv.length);
    }
    byte[] body = Base64Fields.decode(prefix + "ciphertext", item.ciphertext(), true);
    return new Rewrap.Item(
        Envelope.of(item.version(), new io.keyflow.hsm.GcmCiphertext(iv, body)).text(), aad);
  }
}
