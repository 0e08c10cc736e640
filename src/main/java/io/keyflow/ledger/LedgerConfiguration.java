package io.keyflow.ledger;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on Spring's scheduler for the application's periodic housekeeping. Ledger checkpoints no
 * longer use it: they are signed by the {@code LedgerCheckpointSchedule} process, so that a refusal
 * becomes a Cockpit incident.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LedgerConfiguration {}
