package io.keyflow.crypto;

import io.keyflow.key.Algorithms;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyUsage.UsableVersion;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.util.Set;

/**
 * Which key purposes each crypto operation serves: data keys and rewrap need a data-encryption key,
 * sign and verify a SIGNING key pair, MACs a MAC key. A key of another purpose is refused before
 * the vault is asked (the vault's usage attributes would refuse it too, less readably).
 */
final class Purposes {

  static final Set<KeyPurpose> DATA = Set.of(KeyPurpose.DATA_AT_REST, KeyPurpose.DATA_IN_TRANSIT);

  private Purposes() {}

  static UsableVersion require(UsableVersion use, Set<KeyPurpose> purposes, String operation) {
    KeyPurpose purpose = use.key().purpose();
    if (!purposes.contains(purpose)) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "alias: key '"
              + use.key().alias()
              + "' is a "
              + purpose
              + " key ("
              + Algorithms.name(use.key().algorithm())
              + "); "
              + operation
              + " needs a "
              + String.join(" or ", purposes.stream().map(Enum::name).sorted().toList())
              + " key");
    }
    return use;
  }
}
