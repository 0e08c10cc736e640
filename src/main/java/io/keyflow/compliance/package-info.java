/**
 * Compliance review, Camunda-free: the control catalogue ({@link io.keyflow.compliance.Control})
 * and its live evaluation ({@link io.keyflow.compliance.ControlEvaluation}, one pass over the
 * ledger that the evidence pack shares), a key's timeline from the ledger ({@link
 * io.keyflow.compliance.KeyTimeline}), the filterable key inventory ({@link
 * io.keyflow.compliance.KeyInventory}) and the dashboard summary ({@link
 * io.keyflow.compliance.ComplianceDashboard}), served read-only under {@code /api/compliance} to
 * officers and auditors (the Keyflow Cockpit plugin reads them with the Cockpit session).
 *
 * <p>Everything here reads; nothing writes. Every statement cites the ledger sequences that prove
 * it, so a reviewer can check it against the hash-chained ledger (and an evidence pack can embed
 * it).
 */
@ApplicationModule(
    displayName = "Compliance review in Cockpit",
    allowedDependencies = {
      "distribution",
      "hsm",
      "key",
      "ledger",
      "ledger :: details",
      "security",
      "shared"
    })
package io.keyflow.compliance;

import org.springframework.modulith.ApplicationModule;
