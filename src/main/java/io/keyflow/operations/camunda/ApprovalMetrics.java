package io.keyflow.operations.camunda;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Work waiting for people: every open user task in Keyflow is an officer's decision (approvals,
 * storage attestations). {@code keyflow_approvals_waiting} counts them and {@code
 * keyflow_approvals_oldest_age_seconds} says how long the oldest has waited, by the engine's clock.
 * Refreshed on a schedule, not on every scrape.
 */
@Component
class ApprovalMetrics {

  private static final Logger log = LoggerFactory.getLogger(ApprovalMetrics.class);

  private final TaskService tasks;
  private final Clock clock;
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong oldestAgeSeconds = new AtomicLong();

  ApprovalMetrics(TaskService tasks, Clock clock, MeterRegistry registry) {
    this.tasks = tasks;
    this.clock = clock;
    Gauge.builder("keyflow.approvals.waiting", waiting, AtomicLong::get)
        .description("Open approval and attestation tasks")
        .register(registry);
    Gauge.builder("keyflow.approvals.oldest.age", oldestAgeSeconds, AtomicLong::get)
        .description("How long the oldest open approval has waited (0 when none)")
        .baseUnit("seconds")
        .register(registry);
  }

  @Scheduled(fixedDelayString = "${keyflow.metrics.refresh-interval:PT30S}")
  void refresh() {
    try {
      waiting.set(tasks.createTaskQuery().active().count());
      List<Task> oldest =
          tasks.createTaskQuery().active().orderByTaskCreateTime().asc().listPage(0, 1);
      oldestAgeSeconds.set(
          oldest.isEmpty()
              ? 0
              : Math.max(
                  0,
                  Duration.between(oldest.get(0).getCreateTime().toInstant(), clock.instant())
                      .toSeconds()));
    } catch (RuntimeException e) {
      log.warn("Approval metrics not refreshed this time: {}", e.getMessage());
    }
  }
}
