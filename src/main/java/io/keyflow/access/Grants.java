package io.keyflow.access;

import io.keyflow.access.internal.GrantRepository;
import io.keyflow.key.AllVersionsDestroyed;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyAccessEnded;
import io.keyflow.recipient.SystemRevoked;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The grants as they stand, and every way one ends before or at its time: an officer's revocation
 * (at once, {@code KEY_ACCESS_REVOKED}), its system's revocation or its key's destruction ({@code
 * KEY_ACCESS_ENDED}, in the transaction of that change) and its expiry ({@code
 * KEY_ACCESS_EXPIRED}). Each end is one ledger entry, and the grant check on this node forgets its
 * cached answers at once (other nodes within {@link AccessSettings#CHECK_CACHE}).
 */
@Service
public class Grants {

  /** Why a grant ended, as {@link KeyAccessEnded#cause()} records it. */
  enum Cause {
    EXPIRY("expiry"),
    REVOCATION("revocation"),
    REVIEW("review"),
    SYSTEM_REVOKED("system-revoked"),
    KEY_DESTROYED("key-destroyed");

    final String label;

    Cause(String label) {
      this.label = label;
    }
  }

  private final GrantRepository grants;
  private final Ledger ledger;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final LiveKeyAccess access;

  Grants(
      GrantRepository grants,
      Ledger ledger,
      Clock clock,
      ApplicationEventPublisher events,
      LiveKeyAccess access) {
    this.grants = grants;
    this.ledger = ledger;
    this.clock = clock;
    this.events = events;
    this.access = access;
  }

  public Optional<Grant> find(UUID id) {
    return grants.find(id);
  }

  /** Grants by system, key alias (directly or through a group) and state; each null: any. */
  public List<Grant> find(String system, String key, GrantState state, int limit) {
    return grants.find(system, key, state, limit);
  }

  /** Every ACTIVE grant (expired ones whose timer has not run yet included). */
  public List<Grant> active() {
    return grants.active();
  }

  /**
   * An officer's revocation: the grant stops at once ({@code KEY_ACCESS_REVOKED} with the reason).
   *
   * @throws Refusal NOT_FOUND for an unknown grant, STATE_TRANSITION_FORBIDDEN for one that has
   *     ended already, INVALID_REQUEST without a reason
   */
  @Transactional
  public Grant revoke(UUID id, String reason, String officer) {
    if (reason == null || reason.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, "reason is required: say why the grant is revoked");
    }
    if (reason.length() > 2000) {
      throw new Refusal(Kind.INVALID_REQUEST, "reason is longer than 2000 characters");
    }
    Grant grant = grants.lock(id).orElseThrow(() -> new Refusal(Kind.NOT_FOUND, "No grant " + id));
    if (!grant.state().isOpen()) {
      throw new Refusal(
          Kind.STATE_TRANSITION_FORBIDDEN,
          "Grant " + id + " is " + grant.state() + " already; only an open grant can be revoked");
    }
    end(grant, GrantState.REVOKED, officer, reason.strip(), Cause.REVOCATION, null);
    return grants.find(id).orElseThrow();
  }

  /** Ends every open grant of a revoked system, in the revocation's transaction. */
  @EventListener
  public void systemRevoked(SystemRevoked revoked) {
    for (Grant grant : grants.openOfSystem(revoked.systemId())) {
      end(
          grant,
          GrantState.ENDED,
          revoked.actor(),
          "System '" + revoked.name() + "' was revoked: " + revoked.reason(),
          Cause.SYSTEM_REVOKED,
          null);
    }
  }

  /** Ends every open grant naming a key whose last version was destroyed. */
  @EventListener
  public void keyDestroyed(AllVersionsDestroyed destroyed) {
    for (Grant grant : grants.openOnKey(destroyed.keyId())) {
      end(
          grant,
          GrantState.ENDED,
          "system:key-access",
          "Key '" + destroyed.alias() + "' was destroyed: no version of it is left",
          Cause.KEY_DESTROYED,
          null);
    }
  }

  /**
   * A grant became active or a key group changed: this node's grant check forgets its cached
   * answers at once.
   */
  void forgetCachedAnswers() {
    access.forget();
  }

  /** Marks grants reviewed (kept) by a review. */
  void reviewed(List<UUID> ids, java.time.Instant at, String reviewId) {
    grants.reviewed(ids, at, reviewId);
  }

  /** Open grants on a key group. */
  List<Grant> openOnGroup(String group) {
    return grants.openOnGroup(group);
  }

  /**
   * Ends an open grant with its ledger entry; false when it had ended already (nothing written).
   * The caller holds the grant's row lock or accepts that a concurrent end wins.
   */
  boolean end(
      Grant grant, GrantState state, String actor, String reason, Cause cause, String reviewId) {
    if (!grants.end(grant.id(), state, clock.instant(), actor, reason)) {
      return false;
    }
    LedgerAction action =
        switch (state) {
          case EXPIRED -> LedgerAction.KEY_ACCESS_EXPIRED;
          case REVOKED -> LedgerAction.KEY_ACCESS_REVOKED;
          default -> LedgerAction.KEY_ACCESS_ENDED;
        };
    ledger.append(
        LedgerEvent.builder(action, actor)
            .key(grant.keyId(), grant.keyAlias())
            .processInstance(grant.processInstanceId())
            .details(
                new KeyAccessEnded(
                    grant.id().toString(),
                    grant.system(),
                    grant.keyGroup(),
                    reason,
                    cause.label,
                    reviewId))
            .build());
    access.forget();
    if (state != GrantState.EXPIRED) {
      events.publishEvent(new GrantEnded(grant.id(), grant.processInstanceId(), state));
    }
    return true;
  }
}
