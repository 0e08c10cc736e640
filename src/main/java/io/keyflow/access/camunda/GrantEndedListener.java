package io.keyflow.access.camunda;

import static io.keyflow.access.KeyAccessGrantProcess.MESSAGE_ENDED;

import io.keyflow.access.GrantEnded;
import org.camunda.bpm.engine.RuntimeService;
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

  GrantEndedListener(RuntimeService runtime) {
    this.runtime = runtime;
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
    if (waiting) {
      runtime
          .createMessageCorrelation(MESSAGE_ENDED)
          .processInstanceId(ended.processInstanceId())
          .correlateWithResult();
    }
  }
}
