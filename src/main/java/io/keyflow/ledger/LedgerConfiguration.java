package io.keyflow.ledger;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the scheduler that signs ledger checkpoints. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LedgerConfiguration {}
