package io.keyflow.compliance;

/** One control of the procedure, evaluated against a snapshot of the inventory and the ledger. */
interface Control {

  ControlResult evaluate(ComplianceSnapshot snapshot);
}
