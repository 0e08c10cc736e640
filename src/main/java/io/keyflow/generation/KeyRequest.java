package io.keyflow.generation;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;

/** A key generation request that passed validation and policy. */
public record KeyRequest(
    String alias,
    KeyPurpose purpose,
    KeyAlgorithm algorithm,
    boolean exportable,
    String justification,
    String requestedBy,
    Environment environment) {

  public KeyRequest {
    environment = environment == null ? Environment.PRODUCTION : environment;
  }

  /** The vault label of a version of this key, e.g. {@code keyflow/payments-db/v1}. */
  public static String label(String alias, int version) {
    return "keyflow/" + alias + "/v" + version;
  }
}
