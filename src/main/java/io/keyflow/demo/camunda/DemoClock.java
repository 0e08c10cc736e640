package io.keyflow.demo.camunda;

import io.keyflow.engine.EngineClock;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Moves the one clock ({@link EngineClock}) forward for demonstrations, so a year of rotations and
 * retention can be shown in minutes. The clock keeps ticking from the new time. Never in the {@code
 * production} profile; it moves only this node's clock.
 */
@Component
@Profile("!production")
public class DemoClock {

  private static final Logger log = LoggerFactory.getLogger(DemoClock.class);

  private final ProcessEngine engine;

  DemoClock(ProcessEngine engine) {
    this.engine = engine;
  }

  /**
   * Moves the clock forward and wakes the job executor, so timers that are now due (the daily
   * sweeps, escalations) fire at once instead of at its next poll.
   */
  public synchronized Instant advance(Duration by) {
    if (by.isNegative() || by.isZero()) {
      throw new IllegalArgumentException("The demo clock only moves forward");
    }
    Instant now = ClockUtil.offset(offsetMillis() + by.toMillis()).toInstant();
    log.warn(
        "Demo clock moved forward by {} days: it is now {} (offset {} days)",
        by.toDays(),
        now,
        offset());
    JobExecutor jobExecutor =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    if (jobExecutor != null && jobExecutor.isActive()) {
      jobExecutor.jobWasAdded();
    }
    return now;
  }

  /** The clock's current time. */
  public Instant now() {
    return ClockUtil.now().toInstant();
  }

  /** How far the clock runs ahead of real time, in whole days (rounded). */
  public long offset() {
    return Math.round(offsetMillis() / (double) Duration.ofDays(1).toMillis());
  }

  private static long offsetMillis() {
    return ClockUtil.now().getTime() - System.currentTimeMillis();
  }
}
