package io.keyflow.distribution;

import io.keyflow.distribution.internal.PackageRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyDistributionWithdrawn;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Withdraws packages still held for pickup when their key version is reported compromised: a
 * recipient must not start using a key that is known or suspected to be exposed. Joins the caller's
 * transaction, so the withdrawal commits with the containment or not at all.
 */
@Service
public class PackageWithdrawal {

  private final PackageRepository packages;
  private final Ledger ledger;
  private final Clock clock;

  PackageWithdrawal(PackageRepository packages, Ledger ledger, Clock clock) {
    this.packages = packages;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Withdraws every HELD package of the version (wrapped bytes erased), one {@code
   * KEY_DISTRIBUTION_WITHDRAWN} entry each.
   *
   * @return the ids of the packages withdrawn
   */
  @Transactional
  public List<UUID> withdrawHeld(
      UUID versionId, String actor, String reason, String processInstanceId) {
    Instant now = clock.instant();
    List<UUID> withdrawn = new ArrayList<>();
    for (DistributionPackage pkg : packages.heldOf(versionId)) {
      DistributionPackage locked = packages.lock(pkg.id()).orElse(null);
      if (locked == null || locked.state() != PackageState.HELD) {
        continue;
      }
      packages.markWithdrawn(pkg.id(), now);
      ledger.append(
          new LedgerEvent(
              actor,
              LedgerAction.KEY_DISTRIBUTION_WITHDRAWN,
              pkg.keyId(),
              pkg.keyAlias(),
              pkg.versionId(),
              pkg.versionNumber(),
              processInstanceId,
              new KeyDistributionWithdrawn(
                  pkg.id().toString(), pkg.recipientName(), reason, pkg.processInstanceId())));
      withdrawn.add(pkg.id());
    }
    return withdrawn;
  }
}
