package io.keyflow.demo;

import io.keyflow.demo.camunda.DemoClock;
import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import io.keyflow.shared.Refusal;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo only (absent in the {@code production} profile): lets an admin move the clock forward to
 * show rotation and destruction, which policy spreads over years, in minutes.
 */
@RestController
@RequestMapping("/api/demo")
@Profile("!production")
class DemoController {

  static final int MAX_ADVANCE_DAYS = 3650;

  private final DemoClock clock;
  private final AccessGuard access;

  DemoController(DemoClock clock, AccessGuard access) {
    this.clock = clock;
    this.access = access;
  }

  record Advance(Integer advanceDays) {}

  record ClockView(Instant now, long offsetDays) {}

  @GetMapping("/clock")
  ClockView clock() {
    access.caller();
    return new ClockView(clock.now(), clock.offset());
  }

  @PostMapping("/clock")
  ClockView advance(@RequestBody Advance request) {
    access.require(Role.ADMIN);
    Integer days = request.advanceDays();
    if (days == null || days < 1 || days > MAX_ADVANCE_DAYS) {
      throw new Refusal(
          Refusal.Kind.INVALID_REQUEST,
          "advanceDays must be a whole number of days from 1 to "
              + MAX_ADVANCE_DAYS
              + "; the demo clock only moves forward");
    }
    clock.advance(Duration.ofDays(days));
    return new ClockView(clock.now(), clock.offset());
  }
}
