/**
 * The tamper-evident audit ledger.
 *
 * <p>Services append a {@link io.keyflow.ledger.LedgerEvent} with {@link
 * io.keyflow.ledger.Ledger#append} inside the transaction that changes key state, so the entry and
 * the change commit or roll back together. Entries form a SHA-256 hash chain ({@link
 * io.keyflow.ledger.CanonicalForm} defines exactly what is hashed); {@link
 * io.keyflow.ledger.LedgerVerifier} re-computes it and names the first altered, missing or forged
 * entry — through {@code GET /api/ledger/verify}, or without starting the application:
 *
 * <pre>java -jar keyflow.jar ledger verify --url=jdbc:postgresql://host/keyflow --user=auditor
 *     --password-env=KEYFLOW_DB_PASSWORD</pre>
 *
 * <p>This package does not depend on Camunda.
 */
@ApplicationModule(
    displayName = "Ledger",
    allowedDependencies = {"hsm", "security", "shared"})
package io.keyflow.ledger;

import org.springframework.modulith.ApplicationModule;
