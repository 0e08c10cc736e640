package io.keyflow.campaign;

/** Where a campaign stands. */
public enum CampaignState {
  /** Requested; waiting for the officers' approval(s). */
  AWAITING_APPROVAL,
  /** Approved: its keys are being rotated or destroyed. */
  RUNNING,
  /** Every key not excluded is done or failed (a failed key is an incident on its own instance). */
  FINISHED,
  REJECTED
}
