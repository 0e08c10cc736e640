package io.keyflow.campaign;

/** Where one key (or key version) of a campaign stands. */
public enum ItemState {
  /** In the request; not started yet. */
  PENDING,
  /** Left out by an officer's approval, with a reason (in the approval's ledger entry). */
  EXCLUDED,
  /** Its per-key instance runs. */
  RUNNING,
  DONE,
  /** Its per-key instance has an incident: somebody must look; the other keys go on. */
  FAILED
}
