package io.keyflow.distribution;

import io.keyflow.distribution.PickupRefusal.Kind;
import io.keyflow.distribution.internal.PackagePeer;
import io.keyflow.distribution.internal.PackageRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyDistributed;
import io.keyflow.recipient.Recipient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands a package to its recipient, once (procedure 4.2.1–4.2.3). The caller is the TLS peer: the
 * SHA-256 fingerprint of the client certificate it presented in the mutual-TLS handshake must be
 * the one registered for the package's recipient. The receipt (recipient, time, TLS protocol and
 * cipher suite, certificate fingerprint) is written to the package and the ledger ({@code
 * KEY_DISTRIBUTED}), the wrapped bytes are erased, and the waiting process is resumed — all in one
 * transaction, so a package is never handed out without its receipt.
 */
@Service
class PackagePickup {

  private static final Logger log = LoggerFactory.getLogger(PackagePickup.class);

  private final PackageRepository packages;
  private final PackagePeer peers;
  private final Ledger ledger;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  PackagePickup(
      PackageRepository packages,
      PackagePeer peers,
      Ledger ledger,
      Clock clock,
      ApplicationEventPublisher events) {
    this.packages = packages;
    this.peers = peers;
    this.ledger = ledger;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Picks a package up.
   *
   * @param peer the leaf certificate the TLS client authenticated with
   * @throws PickupRefusal when the certificate is missing, unregistered, revoked or another
   *     recipient's (FORBIDDEN), the package is unknown (NOT_FOUND), or it was already picked up or
   *     has expired (GONE)
   */
  @Transactional
  public PackageDelivery pickUp(
      UUID packageId, X509Certificate peer, String tlsProtocol, String tlsCipherSuite) {
    Instant now = clock.instant();
    PackagePeer.Authenticated caller =
        peers.authenticate(peer, "Pickup of package " + packageId, now);
    Recipient recipient = caller.recipient();
    String fingerprint = caller.fingerprint();
    DistributionPackage pkg =
        packages
            .lock(packageId)
            .orElseThrow(() -> new PickupRefusal(Kind.NOT_FOUND, "No package " + packageId));
    if (!pkg.recipientId().equals(recipient.id())) {
      log.warn(
          "Pickup of package {} refused: recipient {} presented its certificate for another recipient's package",
          packageId,
          recipient.name());
      throw new PickupRefusal(
          Kind.FORBIDDEN,
          "Package " + packageId + " is not addressed to recipient '" + recipient.name() + "'");
    }
    if (pkg.state() == PackageState.PICKED_UP) {
      throw new PickupRefusal(
          Kind.GONE,
          "Package "
              + packageId
              + " was already picked up at "
              + pkg.pickedUpAt()
              + "; a package is handed out once");
    }
    if (pkg.state() == PackageState.WITHDRAWN) {
      throw new PickupRefusal(
          Kind.GONE,
          "Package "
              + packageId
              + " was withdrawn because key version "
              + pkg.versionNumber()
              + " of '"
              + pkg.keyAlias()
              + "' was reported compromised; wait for the replacement version's package");
    }
    if (pkg.state() == PackageState.EXPIRED || !now.isBefore(pkg.expiresAt())) {
      throw new PickupRefusal(
          Kind.GONE,
          "Package "
              + packageId
              + " expired at "
              + pkg.expiresAt()
              + "; ask for a new distribution");
    }
    packages.markPickedUp(packageId, now, tlsProtocol, tlsCipherSuite, fingerprint);
    ledger.append(
        new LedgerEvent(
            "recipient:" + recipient.name(),
            LedgerAction.KEY_DISTRIBUTED,
            pkg.keyId(),
            pkg.keyAlias(),
            pkg.versionId(),
            pkg.versionNumber(),
            pkg.processInstanceId(),
            new KeyDistributed(
                recipient.name(),
                recipient.id().toString(),
                packageId.toString(),
                now,
                tlsProtocol,
                tlsCipherSuite,
                fingerprint,
                pkg.mechanism(),
                pkg.kcv(),
                pkg.requestedBy(),
                pkg.approvedBy())));
    events.publishEvent(
        new PackagePickedUp(
            packageId,
            pkg.processInstanceId(),
            recipient.name(),
            now,
            tlsProtocol,
            tlsCipherSuite,
            fingerprint));
    log.info(
        "Package {} (key {} v{}) picked up by recipient {} over {} {}",
        packageId,
        pkg.keyAlias(),
        pkg.versionNumber(),
        recipient.name(),
        tlsProtocol,
        tlsCipherSuite);
    return new PackageDelivery(
        pkg.id(),
        pkg.keyId(),
        pkg.keyAlias(),
        pkg.versionId(),
        pkg.versionNumber(),
        pkg.algorithm(),
        pkg.kcv(),
        "AES-ECB over one zero block, first 3 bytes, lowercase hex",
        new PackageDelivery.Wrapping(
            pkg.wrapping().family(),
            pkg.oaepHash(),
            pkg.oaepMgf(),
            pkg.oaepHash() == null ? null : "",
            pkg.wrappingKeySha256(),
            pkg.kekAlias(),
            pkg.kekKcv()),
        pkg.wrappedKey(),
        recipient.name(),
        pkg.createdAt(),
        pkg.expiresAt(),
        now);
  }
}
