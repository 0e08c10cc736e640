package io.keyflow.recipient;

import io.keyflow.security.CertifiedSystem;
import io.keyflow.security.SystemDirectory;
import io.keyflow.security.SystemIdentity;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The registry of systems as authentication looks it up (uncached; security caches it). */
@Component
class RecipientSystemDirectory implements SystemDirectory {

  private final RecipientRepository recipients;
  private final SystemCertificateRepository certificates;

  RecipientSystemDirectory(
      RecipientRepository recipients, SystemCertificateRepository certificates) {
    this.recipients = recipients;
    this.certificates = certificates;
  }

  @Override
  public Optional<SystemIdentity> system(String name) {
    return name == null || !RecipientRegistry.NAME.matcher(name).matches()
        ? Optional.empty()
        : recipients.findByName(name).map(RecipientSystemDirectory::identity);
  }

  @Override
  public Optional<CertifiedSystem> certificate(String sha256) {
    return certificates
        .find(sha256)
        .flatMap(
            c ->
                recipients
                    .findById(c.systemId())
                    .map(
                        r ->
                            new CertifiedSystem(
                                identity(r),
                                c.sha256(),
                                c.notBefore(),
                                c.notAfter(),
                                !c.isLive())));
  }

  private static SystemIdentity identity(Recipient r) {
    return new SystemIdentity(r.id(), r.name(), r.environment().name(), r.isRevoked());
  }
}
