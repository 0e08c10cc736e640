package io.keyflow.compliance;

/**
 * How one control of the {@link Control catalogue} is evaluated live. A rule is made for one
 * evaluation: it is handed every ledger entry in scope once, in sequence order, keeping only what
 * it needs, and then judges against the snapshot of the inventory and the ledger's verification.
 */
interface ControlRule {

  /** Takes the next ledger entry; the default keeps nothing. */
  default void read(LedgerFact fact) {}

  ControlResult evaluate(ComplianceSnapshot snapshot);
}
