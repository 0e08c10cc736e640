package io.keyflow.evidence;

/**
 * What an exception of the period is, as the pack's exceptions table and its first page name it.
 * Two kinds carry the name of the ledger action they come from.
 */
enum ExceptionKind {
  /** The hash chain does not verify. */
  LEDGER_INVALID,
  /** A signed checkpoint does not verify. */
  CHECKPOINT_INVALID,
  /** A requester decided their own request. */
  SELF_APPROVAL,
  /** A decision came later than the escalation time. */
  APPROVAL_BEYOND_ESCALATION,
  /** A package expired without being picked up. */
  DISTRIBUTION_EXPIRED_UNPICKED,
  /** A package was withdrawn before pickup (its version was reported compromised). */
  DISTRIBUTION_WITHDRAWN,
  /** An officer attested storage with findings. */
  ATTESTATION_FINDINGS,
  /** A reconciliation found drift between the vault and the inventory. */
  STORAGE_DRIFT,
  /** A version was destroyed without two distinct approvers. */
  DESTRUCTION_WITHOUT_DUAL_CONTROL,
  /** A destroyed version was not verified absent from the vault. */
  DESTRUCTION_NOT_VERIFIED,
  /** A version was reported compromised. */
  KEY_COMPROMISED,
  /** An officer confirmed a compromise report. */
  KEY_COMPROMISE_CONFIRMED,
  /** A compromised version decrypted under a decrypt exception. */
  DECRYPT_EXCEPTION_USED,
  /** An ACTIVE version is past its protect-stop. */
  PAST_CRYPTO_PERIOD,
  /** A custodian has not acknowledged their responsibilities in time. */
  CUSTODIAN_ACKNOWLEDGEMENT_OVERDUE,
  /** An HSM step failed after its retries (engine history). */
  HSM_STEP_INCIDENT
}
