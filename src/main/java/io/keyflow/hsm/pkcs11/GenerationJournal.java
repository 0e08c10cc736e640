package io.keyflow.hsm.pkcs11;

import java.util.UUID;

/**
 * Where the PKCS#11 vault writes down, before it asks the token to generate a key, that a
 * generation of that CKA_ID has begun, in storage every node shares and that outlives the process.
 * It lets the first generation of an id skip the search for an existing object (a full scan of the
 * token on SoftHSM2) while a retry after a crash still finds the key the crashed attempt made.
 */
interface GenerationJournal {

  /**
   * Records an attempt to generate {@code id}. True when no attempt was recorded before, so that no
   * object with this CKA_ID can be on the token; false when one was, so the token must be searched.
   *
   * @throws RuntimeException when the attempt cannot be recorded; the caller must then not generate
   */
  boolean recordAttempt(UUID id);

  /** No journal: every generation searches the token first. */
  GenerationJournal NONE = id -> false;
}
