package io.keyflow.kmip;

import io.keyflow.kmip.protocol.KmipClient;
import io.keyflow.recipient.Recipient;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.shared.Sha256;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who is on the other end of a KMIP connection: the registered system whose certificate has the
 * SHA-256 fingerprint of the client certificate in the handshake, not revoked, its registered
 * certificate valid now. Asked again for every message, so a revocation takes effect on open
 * connections too.
 */
final class KmipClients {

  /** The outcome: a client, or the reason (for the client's operator) why there is none. */
  record Authentication(KmipClient client, String fingerprint, String refusal) {
    boolean accepted() {
      return client != null;
    }
  }

  private final RecipientRegistry systems;
  private final Clock clock;

  KmipClients(RecipientRegistry systems, Clock clock) {
    this.systems = systems;
    this.clock = clock;
  }

  Authentication authenticate(SSLSession session) {
    String fingerprint;
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
        return new Authentication(null, null, "A client certificate is required");
      }
      fingerprint = Sha256.hex(leaf.getEncoded());
    } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
      return new Authentication(null, null, "A client certificate is required");
    }
    Recipient system = systems.findByCertificate(fingerprint).orElse(null);
    if (system == null) {
      return new Authentication(
          null,
          fingerprint,
          "This client certificate (SHA-256 "
              + fingerprint
              + ") is not registered for any system; an officer must register it first");
    }
    if (system.isRevoked()) {
      return new Authentication(
          null, fingerprint, "System '" + system.name() + "' is revoked and may not use Keyflow");
    }
    Instant now = clock.instant();
    if (now.isBefore(system.certificateNotBefore()) || now.isAfter(system.certificateNotAfter())) {
      return new Authentication(
          null,
          fingerprint,
          "The registered certificate of system '"
              + system.name()
              + "' is not valid now; an officer must update it");
    }
    return new Authentication(
        new KmipClient(
            system.id(),
            system.name(),
            fingerprint,
            session.getProtocol(),
            session.getCipherSuite()),
        fingerprint,
        null);
  }
}
