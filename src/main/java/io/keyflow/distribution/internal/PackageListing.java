package io.keyflow.distribution.internal;

import io.keyflow.distribution.DistributionPackage;
import io.keyflow.distribution.PickupRefusal;
import io.keyflow.distribution.WaitingPackages;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells a recipient which packages wait for it, so a recipient agent can poll, fetch and verify
 * without learning package ids out of band. The caller is the TLS peer, authenticated exactly as
 * for a pickup; it sees its own HELD packages and nobody else's. Listing changes nothing.
 */
@Service
public class PackageListing {

  private final PackageRepository packages;
  private final PackagePeer peers;
  private final Clock clock;

  PackageListing(PackageRepository packages, PackagePeer peers, Clock clock) {
    this.packages = packages;
    this.peers = peers;
    this.clock = clock;
  }

  /**
   * @param peer the leaf certificate the TLS client authenticated with
   * @throws PickupRefusal FORBIDDEN when the certificate is missing or unregistered, or its
   *     recipient is revoked or its registered certificate is not valid now
   */
  @Transactional(readOnly = true)
  public WaitingPackages waitingFor(X509Certificate peer) {
    Instant now = clock.instant();
    PackagePeer.Authenticated caller = peers.authenticate(peer, "Listing of waiting packages", now);
    List<DistributionPackage> held =
        packages.heldFor(caller.recipient().id(), now, WaitingPackages.LIMIT + 1);
    boolean more = held.size() > WaitingPackages.LIMIT;
    return new WaitingPackages(
        caller.recipient().name(),
        WaitingPackages.LIMIT,
        more,
        held.stream().limit(WaitingPackages.LIMIT).map(WaitingPackages.Waiting::of).toList());
  }
}
