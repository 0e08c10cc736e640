package io.keyflow.ledger;

/**
 * What a ledger entry records, named NOUN_VERB. The name is stored in {@code ledger_entry.action}
 * and is part of the hashed canonical form, so constants may be added but never renamed.
 */
public enum LedgerAction {
  KEY_GENERATION_REQUESTED,
  KEY_GENERATION_REFUSED,
  KEY_GENERATION_APPROVED,
  KEY_GENERATION_REJECTED,
  KEY_GENERATED,
  KEY_ROTATION_REQUESTED,
  KEY_ROTATION_REFUSED,
  KEY_ROTATION_APPROVED,
  KEY_ROTATION_REJECTED,
  KEY_ROTATED,
  KEY_DESTRUCTION_REQUESTED,
  KEY_DESTRUCTION_REFUSED,
  KEY_DESTRUCTION_APPROVED,
  KEY_DESTRUCTION_REJECTED,
  KEY_DESTROYED,
  KEY_DISTRIBUTION_REQUESTED,
  KEY_DISTRIBUTION_REFUSED,
  KEY_DISTRIBUTION_APPROVED,
  KEY_DISTRIBUTION_REJECTED,
  /**
   * A key version was wrapped for a recipient and is held for pickup (material left the HSM
   * wrapped).
   */
  KEY_WRAPPED,
  KEY_DISTRIBUTED,
  KEY_DISTRIBUTION_EXPIRED,
  RECIPIENT_REGISTERED,
  RECIPIENT_UPDATED,
  RECIPIENT_REVOKED,
  KEY_STORAGE_ATTESTED,
  KEY_STORAGE_DRIFT_DETECTED,
  KEY_COMPROMISED,
  /**
   * An HSM step was about to act on a request whose required approvals the ledger does not show
   * (e.g. an administrator moved the instance past its approval task): the step did nothing and
   * raised an incident.
   */
  APPROVAL_BYPASS_DETECTED,
  /**
   * Before signing a checkpoint the chain since the previous one did not verify: nothing was
   * signed. The entry is appended to the broken chain on purpose, as the alert's durable record.
   */
  LEDGER_INTEGRITY_FAILED,
  /** An evidence pack was issued: who, which period or key, and the digest of its manifest. */
  EVIDENCE_PACK_GENERATED,
  /** A key custodian acknowledged their responsibilities in writing (PCI DSS 3.7.8). */
  CUSTODIAN_ACKNOWLEDGED,
  /** The custodian sweep saw a change in who holds a custodian or auditor role. */
  ROLE_MEMBERSHIP_CHANGED,
  /**
   * Somebody reported key versions as compromised (or suspected so). Written in the same
   * transaction as the {@link #KEY_COMPROMISED} entries of the containment, before any approval.
   */
  KEY_COMPROMISE_REPORTED,
  /** An officer other than the reporter confirmed a compromise report. */
  KEY_COMPROMISE_CONFIRMED,
  /**
   * An officer other than the reporter dismissed a compromise report; the entry says which versions
   * got their previous state back and, if none could, why.
   */
  KEY_COMPROMISE_DISMISSED,
  /**
   * A report of versions that were all COMPROMISED already (or could not be reported): nothing
   * changed.
   */
  KEY_COMPROMISE_REFUSED,
  /**
   * A package held for pickup was withdrawn unfetched (its key version was reported compromised).
   */
  KEY_DISTRIBUTION_WITHDRAWN,
  /**
   * After a dismissal, the contained versions got their previous state back — or, when the key was
   * rotated meanwhile or a version was destroyed, none did, and the entry says why.
   */
  KEY_COMPROMISE_CONTAINMENT_LIFTED,
  /** A recipient holding a confirmed-compromised version was told (one entry per holder). */
  KEY_COMPROMISE_HOLDER_NOTIFIED,
  /**
   * A time-boxed decrypt-only exception for a COMPROMISED version was requested (data recovery).
   */
  KEY_DECRYPT_EXCEPTION_REQUESTED,
  KEY_DECRYPT_EXCEPTION_REFUSED,
  KEY_DECRYPT_EXCEPTION_APPROVED,
  KEY_DECRYPT_EXCEPTION_REJECTED,
  /** The approved exception is open until the time in its details. */
  KEY_DECRYPT_EXCEPTION_OPENED,
  /** One decryption with a COMPROMISED version under an open exception. */
  KEY_DECRYPT_EXCEPTION_USED,
  KEY_DECRYPT_EXCEPTION_EXPIRED,
  /**
   * A holder's webhook acknowledged a confirmed compromise (2xx); the entry names the recipient,
   * the URL's host and the HTTP status, never the whole URL.
   */
  KEY_COMPROMISE_WEBHOOK_DELIVERED,
  /** The key's owner acknowledged a confirmed compromise (the re-encryption task; no decision). */
  KEY_COMPROMISE_OWNER_ACKNOWLEDGED,
  /**
   * The rotation sweep found more keys due than the campaign threshold and asks for one approval of
   * them all: the entry lists every key (alias, key id, current and new version ids and numbers,
   * purpose, environment, protect-stop) and the keys refused by the single-rotation checks.
   */
  ROTATION_CAMPAIGN_REQUESTED,
  /**
   * An officer approved a rotation campaign; the entry lists the keys excluded, each with a reason.
   */
  ROTATION_CAMPAIGN_APPROVED,
  ROTATION_CAMPAIGN_REJECTED,
  /** The destruction sweep asks for dual control over a batch of versions whose retention ended. */
  DESTRUCTION_CAMPAIGN_REQUESTED,
  /** One of the (two) officers approved a destruction campaign, possibly excluding versions. */
  DESTRUCTION_CAMPAIGN_APPROVED,
  DESTRUCTION_CAMPAIGN_REJECTED
}
