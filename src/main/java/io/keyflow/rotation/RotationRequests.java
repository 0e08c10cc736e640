package io.keyflow.rotation;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.OtherInstances;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.approval.Requester;
import io.keyflow.distribution.RecipientHoldings;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.RequestInputs;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyRotationRefused;
import io.keyflow.ledger.details.KeyRotationRequested;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The checks a rotation request passes before any officer sees it (procedure 4.4.1), and which keys
 * are due for rotation. Refusals say in words which rule was broken and are written to the ledger;
 * nothing else changes.
 */
@Service
public class RotationRequests {

  private final Keys keys;
  private final KeyPolicies policies;
  private final PhaseSteps steps;
  private final RecipientHoldings holdings;
  private final Clock clock;

  RotationRequests(
      Keys keys, KeyPolicies policies, PhaseSteps steps, RecipientHoldings holdings, Clock clock) {
    this.keys = keys;
    this.policies = policies;
    this.steps = steps;
    this.holdings = holdings;
    this.clock = clock;
  }

  /**
   * Checks a rotation request and writes {@code KEY_ROTATION_REQUESTED}; a refusal is written as
   * {@code KEY_ROTATION_REFUSED} and rethrown. The key's row is locked first, so two requests for
   * one key are checked one after the other and the second sees the first.
   *
   * @param encryptPeriodDays optional, at most the policy's encrypt period
   * @param retentionDays optional, at most the policy's retention
   * @param others asked, once the lock is held, whether another rotation of the key runs
   */
  @Transactional(noRollbackFor = Refusal.class)
  public RotationRequest request(
      Requester requester,
      Object alias,
      Object reason,
      Object encryptPeriodDays,
      Object retentionDays,
      OtherInstances others) {
    return steps.request(
        ApprovalPhase.ROTATION,
        requester,
        RequestInputs.aliasForLedger(alias),
        requestedBy -> check(alias, reason, encryptPeriodDays, retentionDays, requestedBy, others),
        request -> requested(requester, request),
        refusal -> new KeyRotationRefused(refusal.getMessage(), null));
  }

  private LedgerEvent requested(Requester requester, RotationRequest request) {
    KeyVersion current = request.current();
    return steps
        .requested(ApprovalPhase.ROTATION, requester)
        .key(request.key().id(), request.key().alias())
        .version(current.id(), current.number())
        .details(
            new KeyRotationRequested(
                request.reason(),
                current.protectStopAt(),
                current.ageInDays(clock.instant()),
                request.newVersionId().toString(),
                request.newVersionNumber(),
                request.encryptPeriod().toDays(),
                request.retention().toDays(),
                request.recipientsHolding()))
        .build();
  }

  /**
   * The checks of a single rotation request, for one key of a campaign: the same rules, with the
   * policy's periods, but nothing written (the campaign writes one entry for all its keys). The
   * key's row is locked until the campaign's transaction ends.
   *
   * @throws Refusal saying why this key cannot be part of the campaign
   */
  @Transactional(noRollbackFor = Refusal.class)
  public RotationRequest checkForCampaign(
      String alias, String reason, String requestedBy, OtherInstances others) {
    return check(
        alias, reason, null, null, new Requester(requestedBy, null).authenticated(), others);
  }

  private RotationRequest check(
      Object aliasValue,
      Object reasonValue,
      Object encryptPeriodDays,
      Object retentionDays,
      String requestedBy,
      OtherInstances others) {
    String alias = RequestInputs.alias(aliasValue);
    ManagedKey found =
        keys.findByAlias(alias)
            .orElseThrow(() -> new Refusal(Kind.NOT_FOUND, "No key with alias '" + alias + "'"));
    ManagedKey key = keys.lock(found.id()).orElseThrow();
    List<KeyVersion> versions = keys.versions(key.id());
    if (!versions.isEmpty() && versions.stream().noneMatch(v -> v.state().isLive())) {
      throw new Refusal(
          Kind.STATE_TRANSITION_FORBIDDEN,
          "Key '"
              + alias
              + "' is destroyed: none of its "
              + versions.size()
              + " versions exists any more,"
              + " so there is nothing to rotate; request a new key instead");
    }
    KeyVersion current =
        versions.stream()
            .filter(v -> v.id().equals(key.primaryVersionId()))
            .findFirst()
            .orElse(null);
    if (current == null || current.state() != KeyState.ACTIVE) {
      throw new Refusal(
          Kind.STATE_TRANSITION_FORBIDDEN,
          "Key '"
              + alias
              + "' has no ACTIVE primary version to rotate"
              + (current == null
                  ? ""
                  : " (its primary, version "
                      + current.number()
                      + ", is "
                      + current.state()
                      + ")"));
    }
    String reason = RequestInputs.reason(reasonValue);
    KeyPolicy policy = policies.forPurpose(key.purpose());
    Duration encryptPeriod =
        withinPolicy(
            "An encrypt period",
            RequestInputs.optionalDays("encryptPeriodDays", encryptPeriodDays),
            shorter(key.encryptPeriod(), policy.encryptPeriod()),
            key);
    Duration retention =
        withinPolicy(
            "A retention",
            RequestInputs.optionalDays("retentionDays", retentionDays),
            shorter(key.retention(), policy.retention()),
            key);
    if (others.running(alias)) {
      throw new Refusal(Kind.CONFLICT, "Another rotation of key '" + alias + "' is in progress");
    }
    int next =
        versions.stream().max(Comparator.comparingInt(KeyVersion::number)).orElseThrow().number()
            + 1;
    return new RotationRequest(
        key,
        current,
        UUID.randomUUID(),
        next,
        encryptPeriod,
        retention,
        reason,
        requestedBy,
        holdings.recipientsHolding(current.id()));
  }

  private static Duration withinPolicy(
      String what, Integer requestedDays, Duration allowed, ManagedKey key) {
    if (requestedDays == null) {
      return allowed;
    }
    if (requestedDays > allowed.toDays()) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          what
              + " of "
              + requestedDays
              + " days is looser than policy: key '"
              + key.alias()
              + "' ("
              + key.purpose()
              + ") allows at most "
              + allowed.toDays()
              + " days");
    }
    return Duration.ofDays(requestedDays);
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
