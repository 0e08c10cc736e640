package io.keyflow.hsm;

/**
 * What a vault key is for, which fixes its usage attributes for its whole life (least privilege): a
 * data key encrypts and decrypts and nothing else; a key-wrapping key wraps and unwraps and never
 * encrypts or decrypts; a signing key signs (private half) and verifies (public half); a MAC key
 * makes and checks HMAC tags. No Keyflow key derives.
 *
 * <p>Keeping wrap and decrypt apart is the point: a key that may both wrap and decrypt lets anyone
 * holding the user PIN export any extractable key in clear (wrap it, then decrypt the wrapped
 * blob), the classic PKCS#11 key-extraction attack.
 */
public enum KeyRole {
  /** AES data encryption (DATA_AT_REST, DATA_IN_TRANSIT): encrypt and decrypt. */
  DATA_ENCRYPTION,
  /**
   * Key-encryption key (KEY_WRAPPING): AES wrap and unwrap, or RSA public wrap / private unwrap.
   */
  KEY_WRAPPING,
  /** Signing (SIGNING, the ledger's audit key): private sign, public verify. */
  SIGNING,
  /** Message authentication (MAC): an HMAC secret that signs (makes a tag) and verifies one. */
  MAC;

  private static final UsageAttributes ENCRYPT_DECRYPT =
      new UsageAttributes(true, true, false, false, false, false, false);
  private static final UsageAttributes WRAP_UNWRAP =
      new UsageAttributes(false, false, true, true, false, false, false);
  private static final UsageAttributes WRAP =
      new UsageAttributes(false, false, true, false, false, false, false);
  private static final UsageAttributes UNWRAP =
      new UsageAttributes(false, false, false, true, false, false, false);
  private static final UsageAttributes SIGN =
      new UsageAttributes(false, false, false, false, true, false, false);
  private static final UsageAttributes VERIFY =
      new UsageAttributes(false, false, false, false, false, true, false);
  private static final UsageAttributes SIGN_VERIFY =
      new UsageAttributes(false, false, false, false, true, true, false);

  /** Whether keys of this algorithm can serve this role. */
  public boolean allows(KeyAlgorithm algorithm) {
    return switch (this) {
      case DATA_ENCRYPTION -> algorithm.isAes();
      case KEY_WRAPPING -> algorithm.isAes() || algorithm.isRsa();
      case SIGNING -> algorithm.kind() == KeyAlgorithm.Kind.KEY_PAIR;
      case MAC -> algorithm.isHmac();
    };
  }

  /**
   * The usage attributes an object of this role must carry.
   *
   * @param objectClass {@code SECRET_KEY}, {@code PRIVATE_KEY} or {@code PUBLIC_KEY}, as in {@link
   *     VaultObject}
   */
  public UsageAttributes usage(String objectClass) {
    return switch (objectClass) {
      case "SECRET_KEY" ->
          switch (this) {
            case DATA_ENCRYPTION -> ENCRYPT_DECRYPT;
            case KEY_WRAPPING -> WRAP_UNWRAP;
            case MAC -> SIGN_VERIFY;
            case SIGNING -> UsageAttributes.NONE;
          };
      case "PRIVATE_KEY" ->
          this == SIGNING ? SIGN : this == KEY_WRAPPING ? UNWRAP : UsageAttributes.NONE;
      case "PUBLIC_KEY" ->
          this == SIGNING ? VERIFY : this == KEY_WRAPPING ? WRAP : UsageAttributes.NONE;
      default -> throw new IllegalArgumentException("unknown object class " + objectClass);
    };
  }
}
