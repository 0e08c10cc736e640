package io.keyflow.ledger;

import io.keyflow.ledger.details.AccessReviewCompleted;
import io.keyflow.ledger.details.ApprovalBypassDetected;
import io.keyflow.ledger.details.ChainIntegrityFailed;
import io.keyflow.ledger.details.CustodianAcknowledged;
import io.keyflow.ledger.details.DestructionCampaignRequested;
import io.keyflow.ledger.details.EvidencePackGenerated;
import io.keyflow.ledger.details.KeyAccessEnded;
import io.keyflow.ledger.details.KeyAccessGranted;
import io.keyflow.ledger.details.KeyAccessRefused;
import io.keyflow.ledger.details.KeyAccessRequested;
import io.keyflow.ledger.details.KeyCompromiseContainmentLifted;
import io.keyflow.ledger.details.KeyCompromiseHolderNotified;
import io.keyflow.ledger.details.KeyCompromiseOwnerAcknowledged;
import io.keyflow.ledger.details.KeyCompromiseRefused;
import io.keyflow.ledger.details.KeyCompromiseReported;
import io.keyflow.ledger.details.KeyCompromiseWebhookDelivered;
import io.keyflow.ledger.details.KeyCompromised;
import io.keyflow.ledger.details.KeyDecryptExceptionExpired;
import io.keyflow.ledger.details.KeyDecryptExceptionOpened;
import io.keyflow.ledger.details.KeyDecryptExceptionRefused;
import io.keyflow.ledger.details.KeyDecryptExceptionRequested;
import io.keyflow.ledger.details.KeyDecryptExceptionUsed;
import io.keyflow.ledger.details.KeyDestroyed;
import io.keyflow.ledger.details.KeyDestructionRefused;
import io.keyflow.ledger.details.KeyDestructionRequested;
import io.keyflow.ledger.details.KeyDistributed;
import io.keyflow.ledger.details.KeyDistributionExpired;
import io.keyflow.ledger.details.KeyDistributionRefused;
import io.keyflow.ledger.details.KeyDistributionRequested;
import io.keyflow.ledger.details.KeyDistributionWithdrawn;
import io.keyflow.ledger.details.KeyGenerated;
import io.keyflow.ledger.details.KeyGenerationRefused;
import io.keyflow.ledger.details.KeyGenerationRequested;
import io.keyflow.ledger.details.KeyGroupChange;
import io.keyflow.ledger.details.KeyRotated;
import io.keyflow.ledger.details.KeyRotationRefused;
import io.keyflow.ledger.details.KeyRotationRequested;
import io.keyflow.ledger.details.KeyStorageAttested;
import io.keyflow.ledger.details.KeyStorageDriftDetected;
import io.keyflow.ledger.details.KeyUseRefused;
import io.keyflow.ledger.details.KeyWrapped;
import io.keyflow.ledger.details.LedgerDetails;
import io.keyflow.ledger.details.OfficerDecision;
import io.keyflow.ledger.details.RecipientChange;
import io.keyflow.ledger.details.RequestRefused;
import io.keyflow.ledger.details.RoleMembershipChanged;
import io.keyflow.ledger.details.RotationCampaignRequested;
import io.keyflow.ledger.details.SystemCertificateChange;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a ledger entry records, named NOUN_VERB. The name is stored in {@code ledger_entry.action}
 * and is part of the hashed canonical form, so constants may be added but never renamed.
 *
 * <p>Each action names the record its entries' details are written and read as ({@link
 * #detailsType()}); actions that record exactly the same facts share one, e.g. every officer
 * decision is an {@link OfficerDecision}.
 */
public enum LedgerAction {
  KEY_GENERATION_REQUESTED(KeyGenerationRequested.class),
  KEY_GENERATION_REFUSED(KeyGenerationRefused.class),
  KEY_GENERATION_APPROVED(OfficerDecision.class),
  KEY_GENERATION_REJECTED(OfficerDecision.class),
  KEY_GENERATED(KeyGenerated.class),
  KEY_ROTATION_REQUESTED(KeyRotationRequested.class),
  KEY_ROTATION_REFUSED(KeyRotationRefused.class),
  KEY_ROTATION_APPROVED(OfficerDecision.class),
  KEY_ROTATION_REJECTED(OfficerDecision.class),
  KEY_ROTATED(KeyRotated.class),
  KEY_DESTRUCTION_REQUESTED(KeyDestructionRequested.class),
  KEY_DESTRUCTION_REFUSED(KeyDestructionRefused.class),
  KEY_DESTRUCTION_APPROVED(OfficerDecision.class),
  KEY_DESTRUCTION_REJECTED(OfficerDecision.class),
  KEY_DESTROYED(KeyDestroyed.class),
  KEY_DISTRIBUTION_REQUESTED(KeyDistributionRequested.class),
  KEY_DISTRIBUTION_REFUSED(KeyDistributionRefused.class),
  KEY_DISTRIBUTION_APPROVED(OfficerDecision.class),
  KEY_DISTRIBUTION_REJECTED(OfficerDecision.class),
  /**
   * A key version was wrapped for a recipient and is held for pickup (material left the HSM
   * wrapped).
   */
  KEY_WRAPPED(KeyWrapped.class),
  KEY_DISTRIBUTED(KeyDistributed.class),
  KEY_DISTRIBUTION_EXPIRED(KeyDistributionExpired.class),
  RECIPIENT_REGISTERED(RecipientChange.class),
  RECIPIENT_UPDATED(RecipientChange.class),
  RECIPIENT_REVOKED(RecipientChange.class),
  SYSTEM_CERTIFICATE_ADDED(SystemCertificateChange.class),
  SYSTEM_CERTIFICATE_REMOVED(SystemCertificateChange.class),
  KEY_STORAGE_ATTESTED(KeyStorageAttested.class),
  KEY_STORAGE_DRIFT_DETECTED(KeyStorageDriftDetected.class),
  KEY_COMPROMISED(KeyCompromised.class),
  /**
   * An HSM step was about to act on a request whose required approvals the ledger does not show
   * (e.g. an administrator moved the instance past its approval task): the step did nothing and
   * raised an incident.
   */
  APPROVAL_BYPASS_DETECTED(ApprovalBypassDetected.class),
  /**
   * Before signing a checkpoint the chain since the previous one did not verify: nothing was
   * signed. The entry is appended to the broken chain on purpose, as the alert's durable record.
   */
  LEDGER_INTEGRITY_FAILED(ChainIntegrityFailed.class),
  /** An evidence pack was issued: who, which period or key, and the digest of its manifest. */
  EVIDENCE_PACK_GENERATED(EvidencePackGenerated.class),
  /** A key custodian acknowledged their responsibilities in writing (PCI DSS 3.7.8). */
  CUSTODIAN_ACKNOWLEDGED(CustodianAcknowledged.class),
  /** The custodian sweep saw a change in who holds a custodian or auditor role. */
  ROLE_MEMBERSHIP_CHANGED(RoleMembershipChanged.class),
  /**
   * Somebody reported key versions as compromised (or suspected so). Written in the same
   * transaction as the {@link #KEY_COMPROMISED} entries of the containment, before any approval.
   */
  KEY_COMPROMISE_REPORTED(KeyCompromiseReported.class),
  /** An officer other than the reporter confirmed a compromise report. */
  KEY_COMPROMISE_CONFIRMED(OfficerDecision.class),
  /**
   * An officer other than the reporter dismissed a compromise report; the entry says which versions
   * got their previous state back and, if none could, why.
   */
  KEY_COMPROMISE_DISMISSED(OfficerDecision.class),
  /**
   * A report of versions that were all COMPROMISED already (or could not be reported): nothing
   * changed.
   */
  KEY_COMPROMISE_REFUSED(KeyCompromiseRefused.class),
  /**
   * A package held for pickup was withdrawn unfetched (its key version was reported compromised).
   */
  KEY_DISTRIBUTION_WITHDRAWN(KeyDistributionWithdrawn.class),
  /**
   * After a dismissal, the contained versions got their previous state back — or, when the key was
   * rotated meanwhile or a version was destroyed, none did, and the entry says why.
   */
  KEY_COMPROMISE_CONTAINMENT_LIFTED(KeyCompromiseContainmentLifted.class),
  /** A recipient holding a confirmed-compromised version was told (one entry per holder). */
  KEY_COMPROMISE_HOLDER_NOTIFIED(KeyCompromiseHolderNotified.class),
  /**
   * A time-boxed decrypt-only exception for a COMPROMISED version was requested (data recovery).
   */
  KEY_DECRYPT_EXCEPTION_REQUESTED(KeyDecryptExceptionRequested.class),
  KEY_DECRYPT_EXCEPTION_REFUSED(KeyDecryptExceptionRefused.class),
  KEY_DECRYPT_EXCEPTION_APPROVED(OfficerDecision.class),
  KEY_DECRYPT_EXCEPTION_REJECTED(OfficerDecision.class),
  /** The approved exception is open until the time in its details. */
  KEY_DECRYPT_EXCEPTION_OPENED(KeyDecryptExceptionOpened.class),
  /** One decryption with a COMPROMISED version under an open exception. */
  KEY_DECRYPT_EXCEPTION_USED(KeyDecryptExceptionUsed.class),
  KEY_DECRYPT_EXCEPTION_EXPIRED(KeyDecryptExceptionExpired.class),
  /**
   * A holder's webhook acknowledged a confirmed compromise (2xx); the entry names the recipient,
   * the URL's host and the HTTP status, never the whole URL.
   */
  KEY_COMPROMISE_WEBHOOK_DELIVERED(KeyCompromiseWebhookDelivered.class),
  /** The key's owner acknowledged a confirmed compromise (the re-encryption task; no decision). */
  KEY_COMPROMISE_OWNER_ACKNOWLEDGED(KeyCompromiseOwnerAcknowledged.class),
  /**
   * The rotation sweep found more keys due than the campaign threshold and asks for one approval of
   * them all: the entry lists every key (alias, key id, current and new version ids and numbers,
   * purpose, environment, protect-stop) and the keys refused by the single-rotation checks.
   */
  ROTATION_CAMPAIGN_REQUESTED(RotationCampaignRequested.class),
  /**
   * An officer approved a rotation campaign; the entry lists the keys excluded, each with a reason.
   */
  ROTATION_CAMPAIGN_APPROVED(OfficerDecision.class),
  ROTATION_CAMPAIGN_REJECTED(OfficerDecision.class),
  /** The destruction sweep asks for dual control over a batch of versions whose retention ended. */
  DESTRUCTION_CAMPAIGN_REQUESTED(DestructionCampaignRequested.class),
  /** One of the (two) officers approved a destruction campaign, possibly excluding versions. */
  DESTRUCTION_CAMPAIGN_APPROVED(OfficerDecision.class),
  DESTRUCTION_CAMPAIGN_REJECTED(OfficerDecision.class),
  /** A system asks for a grant to use a key (or a key group) for some operations, for a time. */
  KEY_ACCESS_REQUESTED(KeyAccessRequested.class),
  KEY_ACCESS_REFUSED(KeyAccessRefused.class),
  /** An officer who is neither the requester nor the system's owner approved a grant. */
  KEY_ACCESS_APPROVED(OfficerDecision.class),
  KEY_ACCESS_REJECTED(OfficerDecision.class),
  /** The approved grant is active until the time in its details. */
  KEY_ACCESS_GRANTED(KeyAccessGranted.class),
  /** A grant's time was up. */
  KEY_ACCESS_EXPIRED(KeyAccessEnded.class),
  /** An officer revoked a grant (directly or in an access review); it stopped at once. */
  KEY_ACCESS_REVOKED(KeyAccessEnded.class),
  /** A grant ended because its system was revoked or its key destroyed. */
  KEY_ACCESS_ENDED(KeyAccessEnded.class),
  /** Uses without a live grant, aggregated per system, key, operation and minute. */
  KEY_USE_REFUSED(KeyUseRefused.class),
  /** An officer created a key group. */
  KEY_GROUP_CREATED(KeyGroupChange.class),
  /** An officer added a key to a group, extending every grant on the group to it. */
  KEY_GROUP_KEY_ADDED(KeyGroupChange.class),
  KEY_GROUP_KEY_REMOVED(KeyGroupChange.class),
  /** An officer completed an access review: what was kept, what revoked. */
  ACCESS_REVIEW_COMPLETED(AccessReviewCompleted.class);

  private static final Map<String, LedgerAction> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(Enum::name, Function.identity()));

  private static final String KEY_PREFIX = "KEY_";

  private final Class<? extends LedgerDetails> detailsType;

  LedgerAction(Class<? extends LedgerDetails> detailsType) {
    this.detailsType = detailsType;
  }

  /** The record an entry of this action holds in its details. */
  public Class<? extends LedgerDetails> detailsType() {
    return detailsType;
  }

  /**
   * The action a stored name stands for, or null when it names none (a row altered by hand: the
   * verifier reports it, readers skip it).
   */
  public static LedgerAction named(String name) {
    return name == null ? null : BY_NAME.get(name);
  }

  /** The verb of the name, e.g. {@code APPROVED} for {@code KEY_ROTATION_APPROVED}, for display. */
  public String verb() {
    return name().substring(name().lastIndexOf('_') + 1);
  }

  /**
   * The noun of the name without its {@code KEY_} prefix, e.g. {@code ROTATION} for {@code
   * KEY_ROTATION_APPROVED} and {@code ROTATION_CAMPAIGN} for {@code ROTATION_CAMPAIGN_APPROVED},
   * for display.
   */
  public String noun() {
    String noun = name().substring(0, name().lastIndexOf('_'));
    return noun.startsWith(KEY_PREFIX) ? noun.substring(KEY_PREFIX.length()) : noun;
  }

  /**
   * Whether officers decide on entries of this action: a phase's or campaign's request, or a
   * compromise report.
   */
  public boolean isRequest() {
    return name().endsWith("_REQUESTED") || this == KEY_COMPROMISE_REPORTED;
  }

  /**
   * Whether this is an officer's decision: an approval or rejection, or a compromise report's
   * confirmation or dismissal.
   */
  public boolean isDecision() {
    return detailsType == OfficerDecision.class;
  }

  /** Whether this is a {@code *_APPROVED} decision. */
  public boolean isApproved() {
    return isDecision() && name().endsWith("_APPROVED");
  }

  /** Whether this is a {@code *_REJECTED} decision. */
  public boolean isRejected() {
    return isDecision() && name().endsWith("_REJECTED");
  }

  /** Whether this records a request refused by its checks ({@code *_REFUSED}). */
  public boolean isRefusal() {
    return RequestRefused.class.isAssignableFrom(detailsType);
  }
}
