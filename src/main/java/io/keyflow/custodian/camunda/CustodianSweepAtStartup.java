package io.keyflow.custodian.camunda;

import io.keyflow.custodian.CustodianSettings;
import io.keyflow.custodian.CustodianSweepProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the custodian sweep once at start-up, so that custodians added while Keyflow was down (or
 * before the first daily timer) are asked to acknowledge at once. Off with {@code
 * keyflow.custodian.sweep-on-startup=false}.
 */
@Component
class CustodianSweepAtStartup {

  private static final Logger log = LoggerFactory.getLogger(CustodianSweepAtStartup.class);

  private final RuntimeService runtime;
  private final boolean enabled;

  CustodianSweepAtStartup(RuntimeService runtime, CustodianSettings settings) {
    this.runtime = runtime;
    this.enabled = settings.sweepOnStartup();
  }

  @EventListener(ApplicationReadyEvent.class)
  void sweep() {
    if (!enabled) {
      return;
    }
    try {
      runtime.startProcessInstanceByKey(CustodianSweepProcess.PROCESS_KEY);
    } catch (RuntimeException e) {
      // The daily timer sweeps again; a failed start-up sweep must not stop the application.
      log.warn("Custodian sweep at start-up failed: {}", e.getMessage());
    }
  }
}
