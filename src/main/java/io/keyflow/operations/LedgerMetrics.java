package io.keyflow.operations;

import io.keyflow.hsm.KeyVaultException;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerCheckpoint;
import io.keyflow.ledger.LedgerCheckpoints;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The ledger's figures. Verifying re-hashes the whole chain, so the verdict ({@code
 * keyflow_ledger_valid}: 1 valid, 0 invalid, absent until the first verification) is computed on a
 * schedule ({@code keyflow.metrics.ledger-verification-interval}, five minutes) and cached; a
 * scrape only reads it. Entries and the age of the newest signed checkpoint are refreshed with the
 * other gauges.
 */
@Component
class LedgerMetrics {

  private static final Logger log = LoggerFactory.getLogger(LedgerMetrics.class);

  private final Ledger ledger;
  private final LedgerCheckpoints checkpoints;
  private final Clock clock;
  private final MeterRegistry registry;
  private final AtomicReference<Double> entries = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> checkpointAge = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> valid = new AtomicReference<>(Double.NaN);
  private volatile boolean checkpointsValid = true;
  private volatile boolean validRegistered;

  LedgerMetrics(Ledger ledger, LedgerCheckpoints checkpoints, Clock clock, MeterRegistry registry) {
    this.ledger = ledger;
    this.checkpoints = checkpoints;
    this.clock = clock;
    this.registry = registry;
    Gauge.builder("keyflow.ledger.entries", entries, AtomicReference::get)
        .description("Entries in the audit ledger")
        .register(registry);
    Gauge.builder("keyflow.ledger.checkpoint.age", checkpointAge, AtomicReference::get)
        .description("Age of the newest signed ledger checkpoint (absent before the first)")
        .baseUnit("seconds")
        .register(registry);
  }

  @Scheduled(fixedDelayString = "${keyflow.metrics.refresh-interval:PT30S}")
  void refresh() {
    try {
      entries.set((double) ledger.head().lastSeq());
      Optional<LedgerCheckpoint> latest = checkpoints.latest();
      checkpointAge.set(
          latest
              .map(c -> (double) Duration.between(c.signedAt(), clock.instant()).toSeconds())
              .orElse(Double.NaN));
    } catch (RuntimeException e) {
      log.warn("Ledger metrics not refreshed this time: {}", e.getMessage());
    }
  }

  @Scheduled(fixedDelayString = "${keyflow.metrics.ledger-verification-interval:PT5M}")
  void verify() {
    try {
      boolean chainValid = ledger.verify().valid();
      try {
        // Without any checkpoint there is nothing to check (and no reason to make the audit key).
        checkpointsValid = checkpoints.latest().isEmpty() || checkpoints.verify().valid();
      } catch (KeyVaultException e) {
        // Checking signatures needs the audit key's public half from the HSM; during an outage the
        // last verdict on the checkpoints stands, so an HSM outage never reads as a tampered
        // ledger.
        log.info("Ledger checkpoints not re-verified this time: {}", e.getMessage());
      }
      valid.set(chainValid && checkpointsValid ? 1.0 : 0.0);
      if (!validRegistered) {
        Gauge.builder("keyflow.ledger.valid", valid, AtomicReference::get)
            .description("1 when the ledger chain and its signed checkpoints verify, 0 when not")
            .register(registry);
        validRegistered = true;
      }
    } catch (RuntimeException e) {
      log.warn("Ledger not verified this time: {}", e.getMessage());
    }
  }
}
