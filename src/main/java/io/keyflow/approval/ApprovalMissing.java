package io.keyflow.approval;

/**
 * An HSM step found no complete approval in the ledger for the request it was about to act on. The
 * step has done nothing; the engine turns this failure into an incident at once instead of retrying
 * it, because no retry can make a missing approval appear.
 */
public class ApprovalMissing extends IllegalStateException {

  public ApprovalMissing(String message) {
    super(message);
  }
}
