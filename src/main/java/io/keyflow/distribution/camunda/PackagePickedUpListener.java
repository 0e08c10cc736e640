package io.keyflow.distribution.camunda;

import static io.keyflow.distribution.KeyDistributionProcess.*;

import io.keyflow.distribution.PackagePickedUp;
import io.keyflow.distribution.PickupRefusal;
import java.util.Date;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Resumes the distribution process waiting at "Hold package for pickup" when its recipient has
 * fetched the package. Runs in the pickup's transaction: if the process is no longer waiting (its
 * package expired a moment ago), the pickup is refused and rolled back with it.
 */
@Component
class PackagePickedUpListener {

  private final RuntimeService runtime;

  PackagePickedUpListener(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @EventListener
  void resume(PackagePickedUp event) {
    if (event.processInstanceId() == null) {
      return;
    }
    try {
      runtime
          .createMessageCorrelation(MESSAGE_PICKED_UP)
          .processInstanceId(event.processInstanceId())
          .setVariable(VAR_PICKED_UP_AT, Date.from(event.pickedUpAt()))
          .setVariable(VAR_TLS_PROTOCOL, event.tlsProtocol())
          .setVariable(VAR_TLS_CIPHER_SUITE, event.tlsCipherSuite())
          .setVariable(VAR_PEER_CERTIFICATE, event.peerCertificateSha256())
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw new PickupRefusal(
          PickupRefusal.Kind.GONE,
          "The distribution of package " + event.packageId() + " no longer waits for pickup");
    }
  }
}
