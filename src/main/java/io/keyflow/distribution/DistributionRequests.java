package io.keyflow.distribution;

import static io.keyflow.distribution.KeyDistributionProcess.VAR_RECIPIENT;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.OtherInstances;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.approval.Requester;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.details.KeyDistributionRefused;
import io.keyflow.ledger.details.KeyDistributionRequested;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Distribution requests (procedure 4.2): checks a request against every rule, records it as {@code
 * KEY_DISTRIBUTION_REQUESTED} — the record the steps after the approval act on — or records the
 * refusal. The wrap step checks the rules again here, because the key or recipient may have changed
 * while the request waited for approval.
 *
 * <p>A refusal, at the request or at the wrap, names the key's id as well as its alias when the
 * alias is a key's, which {@link PhaseSteps#request} (alias only) does not: so distribution records
 * its refusals itself, in one place for both stages.
 */
@Service
public class DistributionRequests {

  private final DistributionChecks checks;
  private final Keys keys;
  private final PhaseSteps steps;

  DistributionRequests(DistributionChecks checks, Keys keys, PhaseSteps steps) {
    this.checks = checks;
    this.keys = keys;
    this.steps = steps;
  }

  /**
   * Checks a distribution request. A refusal is written to the ledger ({@code
   * KEY_DISTRIBUTION_REFUSED}, with the reason) and rethrown; an accepted request is written as
   * {@code KEY_DISTRIBUTION_REQUESTED} with its package id.
   *
   * @param versionId optional: the version the caller expects (must be the ACTIVE primary)
   * @param others asked whether a distribution of this key ({@code alias}) to this recipient is
   *     already running
   * @param packageId the id the package will have once wrapped (fixed now, so a retried wrap finds
   *     it)
   */
  @Transactional(noRollbackFor = Refusal.class)
  public DistributionRequest request(
      String alias,
      String recipient,
      String versionId,
      Requester requester,
      OtherInstances others,
      UUID packageId) {
    try {
      requester.authenticated(); // a request nobody authenticated is refused first
      DistributionRequest request = checks.check(alias, recipient, versionId);
      if (others.running(alias, VAR_RECIPIENT, recipient)) {
        throw new Refusal(
            Kind.CONFLICT,
            "A distribution of key '"
                + request.alias()
                + "' to '"
                + request.recipient().name()
                + "' is already in progress");
      }
      steps.record(
          steps
              .requested(ApprovalPhase.DISTRIBUTION, requester)
              .key(request.keyId(), request.alias())
              .version(request.versionId(), request.versionNumber())
              .details(
                  new KeyDistributionRequested(
                      request.recipient().name(),
                      request.recipient().id().toString(),
                      request.environment().name(),
                      request.recipient().certificateSha256(),
                      request.wrapping(),
                      request.mechanism().label(),
                      request.kcv(),
                      packageId.toString()))
              .build());
      return request;
    } catch (Refusal refusal) {
      refused(requester, alias, recipient, "request", refusal);
      throw refusal;
    }
  }

  /** The rules again, right before wrapping: nothing is written. */
  DistributionRequest check(String alias, String recipient, String versionId) {
    return checks.check(alias, recipient, versionId);
  }

  /**
   * Writes {@code KEY_DISTRIBUTION_REFUSED} with the reason and the stage that refused ({@code
   * request} or {@code wrap}).
   */
  void refused(Requester requester, String alias, String recipient, String stage, Refusal refusal) {
    ManagedKey key =
        alias == null || alias.length() > 64 ? null : keys.findByAlias(alias).orElse(null);
    steps.refused(
        ApprovalPhase.DISTRIBUTION,
        requester,
        key == null ? null : key.id(),
        alias == null || alias.length() > 64 ? null : alias,
        new KeyDistributionRefused(
            refusal.getMessage(),
            stage,
            recipient == null || recipient.length() > 64 ? null : recipient));
  }
}
