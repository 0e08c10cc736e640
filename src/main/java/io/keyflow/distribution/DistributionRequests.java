package io.keyflow.distribution;

import io.keyflow.distribution.internal.DistributionRules;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.OaepHash;
import io.keyflow.key.Algorithms;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.RequestEntries;
import io.keyflow.ledger.details.KeyDistributionRefused;
import io.keyflow.ledger.details.KeyDistributionRequested;
import io.keyflow.ledger.details.KeyWrapped;
import io.keyflow.recipient.Recipient;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import io.keyflow.shared.Text;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Distribution requests (procedure 4.2): checks a request against every rule, records it as {@code
 * KEY_DISTRIBUTION_REQUESTED} — the record the steps after the approval act on — or records the
 * refusal, and reads an accepted request back from the ledger. The wrap step checks the rules again
 * here, because the key or recipient may have changed while the request waited for approval.
 */
@Service
public class DistributionRequests {

  /**
   * A request as the ledger recorded it when it was accepted: which version goes to which
   * recipient, under which package id. Never read from process variables, which whoever completes a
   * task could otherwise have set.
   */
  record Accepted(
      UUID packageId,
      UUID keyId,
      String alias,
      UUID versionId,
      int versionNumber,
      String recipient,
      String requestedBy) {}

  private final Keys keys;
  private final KeyPolicies policies;
  private final RecipientRegistry recipients;
  private final KeyVault vault;
  private final Ledger ledger;
  private final RequestEntries entries;
  private final DistributionSettings settings;

  DistributionRequests(
      Keys keys,
      KeyPolicies policies,
      RecipientRegistry recipients,
      KeyVault vault,
      Ledger ledger,
      RequestEntries entries,
      DistributionSettings settings) {
    this.keys = keys;
    this.policies = policies;
    this.recipients = recipients;
    this.vault = vault;
    this.ledger = ledger;
    this.entries = entries;
    this.settings = settings;
  }

  /**
   * Checks a distribution request. A refusal is written to the ledger ({@code
   * KEY_DISTRIBUTION_REFUSED}, with the reason) and rethrown; an accepted request is written as
   * {@code KEY_DISTRIBUTION_REQUESTED} with its package id.
   *
   * @param versionId optional: the version the caller expects (must be the ACTIVE primary)
   * @param anotherRunning whether a distribution of this key to this recipient is already running
   * @param packageId the id the package will have once wrapped (fixed now, so a retried wrap finds
   *     it)
   */
  @Transactional(noRollbackFor = Refusal.class)
  public DistributionRequest request(
      String alias,
      String recipient,
      String versionId,
      String requestedBy,
      boolean anotherRunning,
      UUID packageId,
      String processInstanceId) {
    try {
      if (requestedBy == null || requestedBy.isBlank()) {
        throw new Refusal(Kind.INVALID_REQUEST, "The request has no authenticated requester");
      }
      DistributionRequest request = check(alias, recipient, versionId);
      if (anotherRunning) {
        throw new Refusal(
            Kind.CONFLICT,
            "A distribution of key '"
                + request.alias()
                + "' to '"
                + request.recipient()
                + "' is already in progress");
      }
      ledger.append(
          new LedgerEvent(
              requestedBy,
              LedgerAction.KEY_DISTRIBUTION_REQUESTED,
              request.keyId(),
              request.alias(),
              request.versionId(),
              request.versionNumber(),
              processInstanceId,
              new KeyDistributionRequested(
                  request.recipient(),
                  request.recipientId().toString(),
                  request.environment().name(),
                  request.recipientCertificateSha256(),
                  request.wrapping(),
                  request.mechanism().label(),
                  request.kcv(),
                  packageId.toString())));
      return request;
    } catch (Refusal refusal) {
      refused(requestedBy, alias, recipient, "request", refusal, processInstanceId);
      throw refusal;
    }
  }

  /**
   * The request this process instance accepted, from its {@code KEY_DISTRIBUTION_REQUESTED} entry.
   */
  Accepted accepted(String processInstanceId) {
    LedgerEntry entry = entries.find(processInstanceId, LedgerAction.KEY_DISTRIBUTION_REQUESTED);
    KeyDistributionRequested details = entry.details(KeyDistributionRequested.class);
    return new Accepted(
        UUID.fromString(details.packageId()),
        UUID.fromString(entry.keyId()),
        entry.keyAlias(),
        UUID.fromString(entry.versionId()),
        entry.versionNumber(),
        details.recipient(),
        entry.actor());
  }

  /**
   * Checks every rule for distributing {@code alias} (optionally pinned to a version) to a
   * recipient.
   */
  DistributionRequest check(String alias, String recipientName, String pinnedVersionId) {
    if (alias == null || alias.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, "alias is required: the key to distribute");
    }
    ManagedKey key =
        keys.findByAlias(alias)
            .orElseThrow(
                () ->
                    new Refusal(
                        Kind.NOT_FOUND, "No key with alias '" + Text.abbreviate(alias, 64) + "'"));
    if (recipientName == null || recipientName.isBlank()) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "recipient is required: the registered recipient to distribute to");
    }
    Recipient recipient = recipients.get(recipientName);
    KeyVersion version = version(key, pinnedVersionId);
    DistributionRules.checkVersion(key, version);
    DistributionRules.checkExportable(key, version, policies.forPurpose(key.purpose()));
    DistributionRules.checkRecipient(key, recipient);
    DistributionRules.checkStrength(
        key,
        recipient,
        policies.forPurpose(KeyPurpose.KEY_WRAPPING),
        settings.requireEqualStrength());
    if (recipient.usesKek()) {
      kekVersion(recipient);
    }
    return new DistributionRequest(
        key.id(),
        key.alias(),
        version.id(),
        version.number(),
        Algorithms.name(key.algorithm()),
        version.kcv(),
        key.environment(),
        recipient.id(),
        recipient.name(),
        recipient.environment(),
        recipient.certificateSha256(),
        recipient.wrappingDescription(),
        WrappingMechanism.forRecipient(recipient.usesKek(), oaepHash()));
  }

  /** The ACTIVE primary version of the recipient's KEK. */
  KeyVersion kekVersion(Recipient recipient) {
    return keys.findByAlias(recipient.kekAlias())
        .filter(kek -> kek.primaryVersionId() != null)
        .flatMap(kek -> keys.findVersion(kek.primaryVersionId()))
        .filter(v -> v.state() == KeyState.ACTIVE)
        .orElseThrow(
            () ->
                new Refusal(
                    Kind.POLICY_VIOLATED,
                    "The KEK '"
                        + recipient.kekAlias()
                        + "' of recipient '"
                        + recipient.name()
                        + "' has no ACTIVE primary version"));
  }

  /** The OAEP hash packages are wrapped with: configured, or the vault's preferred one. */
  OaepHash oaepHash() {
    return settings.oaepHash() != null ? settings.oaepHash() : vault.preferredOaepHash();
  }

  /** Writes {@code KEY_DISTRIBUTION_REFUSED} with the reason and the stage that refused. */
  void refused(
      String requestedBy,
      String alias,
      String recipient,
      String stage,
      Refusal refusal,
      String pid) {
    ManagedKey key =
        alias == null || alias.length() > 64 ? null : keys.findByAlias(alias).orElse(null);
    ledger.append(
        new LedgerEvent(
            requestedBy == null || requestedBy.isBlank() ? "anonymous" : requestedBy,
            LedgerAction.KEY_DISTRIBUTION_REFUSED,
            key == null ? null : key.id(),
            alias == null || alias.length() > 64 ? null : alias,
            null,
            null,
            pid,
            new KeyDistributionRefused(
                refusal.getMessage(),
                stage,
                recipient == null || recipient.length() > 64 ? null : recipient)));
  }

  /**
   * What the ledger records when a request's package is wrapped: the request's recipient,
   * environment, wrapping and KCV again, the package and until when it is held.
   */
  static KeyWrapped wrapped(
      DistributionRequest r, UUID packageId, Instant expiresAt, String approvedBy) {
    return new KeyWrapped(
        r.recipient(),
        r.recipientId().toString(),
        r.environment().name(),
        r.recipientCertificateSha256(),
        r.wrapping(),
        r.mechanism().label(),
        r.kcv(),
        packageId.toString(),
        expiresAt,
        approvedBy);
  }

  private KeyVersion version(ManagedKey key, String pinnedVersionId) {
    if (pinnedVersionId != null && !pinnedVersionId.isBlank()) {
      UUID id;
      try {
        id = UUID.fromString(pinnedVersionId.trim());
      } catch (IllegalArgumentException e) {
        throw new Refusal(Kind.INVALID_REQUEST, "versionId must be a version's UUID");
      }
      return keys.findVersion(id)
          .filter(v -> v.keyId().equals(key.id()))
          .orElseThrow(
              () -> new Refusal(Kind.NOT_FOUND, "Key '" + key.alias() + "' has no version " + id));
    }
    if (key.primaryVersionId() == null) {
      throw new Refusal(
          Kind.STATE_TRANSITION_FORBIDDEN, "Key '" + key.alias() + "' has no primary version");
    }
    return keys.findVersion(key.primaryVersionId()).orElseThrow();
  }
}
