package io.keyflow.distribution.internal;

import io.keyflow.distribution.PickupRefusal;
import io.keyflow.distribution.PickupRefusal.Kind;
import io.keyflow.recipient.Recipient;
import io.keyflow.recipient.RecipientCredentials;
import io.keyflow.recipient.RecipientRegistry;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who is calling on the distribution port: the recipient whose registered certificate has the
 * SHA-256 fingerprint of the client certificate presented in the mutual-TLS handshake. Refuses a
 * missing or unregistered certificate, a revoked recipient and a registered certificate outside its
 * validity, so pickup and listing authenticate the same way.
 */
@Component
public class PackagePeer {

  private static final Logger log = LoggerFactory.getLogger(PackagePeer.class);

  private final RecipientRegistry recipients;

  PackagePeer(RecipientRegistry recipients) {
    this.recipients = recipients;
  }

  /** The authenticated recipient and the fingerprint it authenticated with. */
  public record Authenticated(Recipient recipient, String fingerprint) {}

  /**
   * @param peer the leaf certificate the TLS client authenticated with
   * @param what what the caller asked for, for the log ("pickup of package …", "listing")
   * @throws PickupRefusal FORBIDDEN when the caller is not a recipient in good standing
   */
  public Authenticated authenticate(X509Certificate peer, String what, Instant now) {
    if (peer == null) {
      throw new PickupRefusal(
          Kind.FORBIDDEN,
          "A client certificate is required: packages are picked up over mutual TLS");
    }
    String fingerprint = fingerprint(peer);
    Recipient recipient =
        recipients
            .findByCertificate(fingerprint)
            .orElseThrow(
                () -> {
                  log.warn(
                      "{} refused: client certificate {} is not registered", what, fingerprint);
                  return new PickupRefusal(
                      Kind.FORBIDDEN,
                      "This client certificate is not registered for any recipient; an officer must register it first");
                });
    if (recipient.isRevoked()) {
      log.warn("{} refused: recipient {} is revoked", what, recipient.name());
      throw new PickupRefusal(Kind.FORBIDDEN, "Recipient '" + recipient.name() + "' is revoked");
    }
    // The presented certificate is the registered one (same fingerprint): its own validity counts.
    if (now.isBefore(peer.getNotBefore().toInstant())
        || now.isAfter(peer.getNotAfter().toInstant())) {
      throw new PickupRefusal(
          Kind.FORBIDDEN,
          "The registered certificate of recipient '"
              + recipient.name()
              + "' is not valid now; an officer must update it");
    }
    return new Authenticated(recipient, fingerprint);
  }

  private static String fingerprint(X509Certificate certificate) {
    try {
      return RecipientCredentials.sha256(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new PickupRefusal(Kind.FORBIDDEN, "The client certificate cannot be encoded");
    }
  }
}
