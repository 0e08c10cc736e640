package io.keyflow.hsm;

import java.util.Objects;
import java.util.UUID;

/**
 * What to generate: the key version's UUID (stored as the object's CKA_ID, which makes generation
 * idempotent), a human-readable label, the algorithm and whether the key may leave the vault
 * wrapped, and what it is for.
 *
 * @param id stable identifier of the key version; a second request with the same id returns the
 *     existing key
 * @param label object label (CKA_LABEL), e.g. {@code keyflow/payments-db/v1}
 * @param algorithm what to generate
 * @param exportable whether the key may be wrapped for export; {@code false} makes it
 *     non-extractable for its whole life
 * @param role what the key is for; fixes its usage attributes (see {@link KeyRole})
 */
public record KeySpec(
    UUID id, String label, KeyAlgorithm algorithm, boolean exportable, KeyRole role) {
  public KeySpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(role, "role");
    if (!role.allows(algorithm)) {
      throw new IllegalArgumentException(algorithm + " keys cannot serve as " + role + " keys");
    }
    if (label.isBlank() || label.length() > 128) {
      throw new IllegalArgumentException("label must be 1..128 characters");
    }
  }
}
