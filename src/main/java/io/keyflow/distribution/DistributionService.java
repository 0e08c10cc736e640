package io.keyflow.distribution;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.Approved;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.approval.Requester;
import io.keyflow.distribution.internal.PackageRepository;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyDistributionExpired;
import io.keyflow.ledger.details.KeyDistributionRequested;
import io.keyflow.ledger.details.KeyWrapped;
import io.keyflow.shared.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key distribution after approval (procedure 4.2.2–4.2.3): wraps the approved version in the vault
 * for the recipient and holds the package for pickup, and expires packages nobody fetched. What it
 * wraps for whom comes from the request's ledger entry (see {@link DistributionRequests}), never
 * from process variables. Key material never passes through here: the vault returns it wrapped.
 */
@Service
public class DistributionService {

  private final PhaseSteps steps;
  private final DistributionRequests requests;
  private final PackageWrapping wrapping;
  private final PackageRepository packages;
  private final Clock clock;

  DistributionService(
      PhaseSteps steps,
      DistributionRequests requests,
      PackageWrapping wrapping,
      PackageRepository packages,
      Clock clock) {
    this.steps = steps;
    this.requests = requests;
    this.wrapping = wrapping;
    this.packages = packages;
    this.clock = clock;
  }

  /**
   * Wraps the version this process instance's request names for the recipient it names, once the
   * ledger shows the approval, and holds the package for pickup; writes {@code KEY_WRAPPED} citing
   * the request and its approval. Every rule is checked again first (the key or recipient may have
   * changed while the request waited); a refusal is written to the ledger and rethrown. Idempotent
   * by the request's package id: a retried job returns the package a committed earlier attempt
   * made.
   *
   * @throws io.keyflow.approval.ApprovalMissing when the ledger shows no approval (nothing is
   *     wrapped)
   * @throws KeyVaultException.Unavailable when the vault cannot be reached (the job retries)
   */
  @Transactional(noRollbackFor = Refusal.class)
  public DistributionPackage wrap(String processInstanceId) {
    Approved approved = approved(processInstanceId, "wrap the key for its recipient");
    KeyDistributionRequested requested = approved.details(KeyDistributionRequested.class);
    UUID packageId = UUID.fromString(requested.packageId());
    Optional<DistributionPackage> existing = packages.find(packageId);
    if (existing.isPresent()) {
      return existing.get();
    }
    String alias = approved.request().keyAlias();
    try {
      DistributionRequest request =
          requests.check(alias, requested.recipient(), approved.versionId().toString());
      DistributionPackage wrapped = wrapping.wrap(request, packageId, approved);
      packages.insert(wrapped);
      steps.record(
          steps
              .outcome(LedgerAction.KEY_WRAPPED, approved)
              .key(request.keyId(), request.alias())
              .version(request.versionId(), request.versionNumber())
              .details(wrapped(request, wrapped, approved))
              .build());
      return wrapped;
    } catch (Refusal refusal) {
      requests.refused(
          new Requester(approved.requestedBy(), processInstanceId),
          alias,
          requested.recipient(),
          "wrap",
          refusal);
      throw refusal;
    }
  }

  /**
   * Expires the package of this process instance's request if nobody fetched it: erases its wrapped
   * bytes and writes {@code KEY_DISTRIBUTION_EXPIRED}. Does nothing to a package that was picked up
   * meanwhile.
   *
   * @return whether the package was expired now
   */
  @Transactional
  public boolean expire(String processInstanceId) {
    UUID packageId =
        UUID.fromString(
            approved(processInstanceId, "expire the package")
                .details(KeyDistributionRequested.class)
                .packageId());
    DistributionPackage pkg = packages.lock(packageId).orElse(null);
    if (pkg == null || pkg.state() != PackageState.HELD) {
      return false;
    }
    Instant now = clock.instant();
    packages.markExpired(packageId, now);
    steps.record(
        LedgerEvent.builder(LedgerAction.KEY_DISTRIBUTION_EXPIRED, "system:distribution-expiry")
            .key(pkg.keyId(), pkg.keyAlias())
            .version(pkg.versionId(), pkg.versionNumber())
            .processInstance(processInstanceId)
            .details(
                new KeyDistributionExpired(
                    packageId.toString(),
                    pkg.recipientName(),
                    pkg.expiresAt(),
                    pkg.mechanism(),
                    pkg.requestedBy()))
            .build());
    return true;
  }

  public Optional<DistributionPackage> find(UUID packageId) {
    return packages.find(packageId);
  }

  /** Packages, newest first, optionally of one key and/or one recipient; at most {@code limit}. */
  public List<DistributionPackage> find(String alias, String recipient, int limit) {
    return packages.find(alias, recipient, Math.max(1, Math.min(limit, 1000)));
  }

  private Approved approved(String processInstanceId, String step) {
    return steps.approved(ApprovalPhase.DISTRIBUTION, processInstanceId, 1, step);
  }

  /**
   * What the ledger records when a request's package is wrapped: the request's recipient,
   * environment, wrapping and KCV again, the package and until when it is held, and the request and
   * approval entries it was wrapped on.
   */
  private static KeyWrapped wrapped(
      DistributionRequest r, DistributionPackage wrapped, Approved approved) {
    return new KeyWrapped(
        r.recipient().name(),
        r.recipient().id().toString(),
        r.environment().name(),
        r.recipient().certificateSha256(),
        r.wrapping(),
        r.mechanism().label(),
        r.kcv(),
        wrapped.id().toString(),
        wrapped.expiresAt(),
        approved.approvedBy(),
        approved.requestSeq(),
        approved.approvalSeqs());
  }
}
