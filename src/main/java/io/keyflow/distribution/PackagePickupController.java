package io.keyflow.distribution;

import io.keyflow.distribution.internal.PackageListing;
import io.keyflow.security.MutualTlsPort;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/distribution/{id}/package}: a recipient fetches its wrapped key, over mutual TLS
 * on the distribution port only, authenticated by its registered client certificate (no password).
 * 403 for a missing, unregistered, revoked or other recipient's certificate or the wrong port; 410
 * once picked up or expired; 404 for an unknown package (only to its own recipient's certificate).
 *
 * <p>{@code GET /api/distribution/packages}: on the same port and terms, the packages waiting for
 * the calling certificate's recipient (metadata only, see {@link WaitingPackages}).
 */
@RestController
class PackagePickupController {

  /** Tomcat's request attribute for the negotiated TLS version (e.g. {@code TLSv1.3}). */
  static final String PROTOCOL_ATTRIBUTE = "org.apache.tomcat.util.net.secure_protocol_version";

  static final String CIPHER_SUITE_ATTRIBUTE = "jakarta.servlet.request.cipher_suite";
  static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

  private final PackagePickup pickup;
  private final PackageListing listing;
  private final MutualTlsPort tls;

  PackagePickupController(PackagePickup pickup, PackageListing listing, MutualTlsPort tls) {
    this.pickup = pickup;
    this.listing = listing;
    this.tls = tls;
  }

  @GetMapping("/api/distribution/packages")
  ResponseEntity<WaitingPackages> waiting(HttpServletRequest request) {
    if (!tls.carried(request)) {
      throw new PickupRefusal(
          PickupRefusal.Kind.FORBIDDEN,
          "Waiting packages are listed only over mutual TLS on the distribution port");
    }
    WaitingPackages waiting = listing.waitingFor(peer(request));
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(waiting);
  }

  @GetMapping("/api/distribution/{packageId}/package")
  ResponseEntity<PackageDelivery> pickUp(@PathVariable UUID packageId, HttpServletRequest request) {
    if (!tls.carried(request)) {
      throw new PickupRefusal(
          PickupRefusal.Kind.FORBIDDEN,
          "Packages are picked up only over mutual TLS on the distribution port");
    }
    PackageDelivery delivery =
        pickup.pickUp(
            packageId,
            peer(request),
            (String) request.getAttribute(PROTOCOL_ATTRIBUTE),
            (String) request.getAttribute(CIPHER_SUITE_ATTRIBUTE));
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(delivery);
  }

  private static X509Certificate peer(HttpServletRequest request) {
    X509Certificate[] chain = (X509Certificate[]) request.getAttribute(CERTIFICATE_ATTRIBUTE);
    return chain == null || chain.length == 0 ? null : chain[0];
  }

  @ExceptionHandler(PickupRefusal.class)
  ResponseEntity<ProblemDetail> refused(PickupRefusal e) {
    HttpStatus status =
        switch (e.kind()) {
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case GONE -> HttpStatus.GONE;
        };
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setType(URI.create("https://keyflow.io/problems/pickup-" + e.problemType()));
    problem.setTitle("Pickup refused");
    return ResponseEntity.status(status).body(problem);
  }
}
