package io.keyflow.access.camunda;

import static io.keyflow.access.KeyAccessGrantProcess.MESSAGE_ENDED;

import io.keyflow.access.GrantEnded;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a grant ends before its time, its process stops waiting at "Grant active" (in the same
 * transaction). A grant still waiting for its approval keeps its task: the activation then finds
 * the grant ended and refuses.
 */
@Component
class GrantEndedListener {

  private final RuntimeService runtime;
  private final IdentityService identity;

  GrantEndedListener(RuntimeService runtime, IdentityService identity) {
    this.runtime = runtime;
    this.identity = identity;
  }

  @EventListener
  void ended(GrantEnded ended) {
    if (ended.processInstanceId() == null) {
      return;
    }
    boolean waiting =
        runtime
                .createExecutionQuery()
                .processInstanceId(ended.processInstanceId())
                .messageEventSubscriptionName(MESSAGE_ENDED)
                .count()
            > 0;
    if (!waiting) {
      return;
    }
    // Keyflow itself reports the end it recorded; the engine refuses messages sent by users
    // (EventTriggerGuard), so the officer's authentication is set aside for the correlation.
    Authentication previous = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      runtime
          .createMessageCorrelation(MESSAGE_ENDED)
          .processInstanceId(ended.processInstanceId())
          .correlateWithResult();
    } finally {
      if (previous != null) {
        identity.setAuthentication(previous);
      }
    }
  }
}
