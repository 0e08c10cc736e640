package io.keyflow.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Keyflow's clock is the engine's clock: timers, due dates and Keyflow's own dates (activation,
 * protect-stop, retention, ledger time) all read {@link ClockUtil}, so moving it in a test or in
 * the demo moves everything together.
 */
public final class EngineClock extends Clock {

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }

  @Override
  public Instant instant() {
    return ClockUtil.now().toInstant();
  }
}
