package io.keyflow.approval;

import io.keyflow.ledger.LedgerAction;
import java.util.Arrays;

/**
 * The lifecycle phases that need officers' approval: the process each runs in and the ledger
 * actions of its request and decisions. One declaration instead of names derived from strings.
 */
public enum ApprovalPhase {
  GENERATION(
      "KeyGeneration",
      LedgerAction.KEY_GENERATION_REQUESTED,
      LedgerAction.KEY_GENERATION_APPROVED,
      LedgerAction.KEY_GENERATION_REJECTED),
  DISTRIBUTION(
      "KeyDistribution",
      LedgerAction.KEY_DISTRIBUTION_REQUESTED,
      LedgerAction.KEY_DISTRIBUTION_APPROVED,
      LedgerAction.KEY_DISTRIBUTION_REJECTED),
  ROTATION(
      "KeyRotation",
      LedgerAction.KEY_ROTATION_REQUESTED,
      LedgerAction.KEY_ROTATION_APPROVED,
      LedgerAction.KEY_ROTATION_REJECTED),
  DESTRUCTION(
      "KeyDestruction",
      LedgerAction.KEY_DESTRUCTION_REQUESTED,
      LedgerAction.KEY_DESTRUCTION_APPROVED,
      LedgerAction.KEY_DESTRUCTION_REJECTED),
  /**
   * Confirming a compromise report: the report is the request (it is contained before anyone
   * decides), confirmation the approval, dismissal the rejection.
   */
  COMPROMISE(
      "KeyCompromise",
      LedgerAction.KEY_COMPROMISE_REPORTED,
      LedgerAction.KEY_COMPROMISE_CONFIRMED,
      LedgerAction.KEY_COMPROMISE_DISMISSED),
  /** Granting a time-boxed decrypt-only exception for a compromised version. */
  DECRYPT_EXCEPTION(
      "KeyDecryptException",
      LedgerAction.KEY_DECRYPT_EXCEPTION_REQUESTED,
      LedgerAction.KEY_DECRYPT_EXCEPTION_APPROVED,
      LedgerAction.KEY_DECRYPT_EXCEPTION_REJECTED),
  /**
   * One officer's approval of a whole rotation campaign (the sweep found more keys due than the
   * campaign threshold); the approval may exclude keys, each with a reason.
   */
  ROTATION_CAMPAIGN(
      "RotationCampaign",
      LedgerAction.ROTATION_CAMPAIGN_REQUESTED,
      LedgerAction.ROTATION_CAMPAIGN_APPROVED,
      LedgerAction.ROTATION_CAMPAIGN_REJECTED),
  /** Dual control over a batch of version destructions; each approval may exclude versions. */
  DESTRUCTION_CAMPAIGN(
      "DestructionCampaign",
      LedgerAction.DESTRUCTION_CAMPAIGN_REQUESTED,
      LedgerAction.DESTRUCTION_CAMPAIGN_APPROVED,
      LedgerAction.DESTRUCTION_CAMPAIGN_REJECTED);

  private final String processKey;
  private final LedgerAction requested;
  private final LedgerAction approved;
  private final LedgerAction rejected;

  ApprovalPhase(
      String processKey, LedgerAction requested, LedgerAction approved, LedgerAction rejected) {
    this.processKey = processKey;
    this.requested = requested;
    this.approved = approved;
    this.rejected = rejected;
  }

  /** The phase whose approvals a process of {@code processKey} asks for. */
  public static ApprovalPhase ofProcess(String processKey) {
    return Arrays.stream(values())
        .filter(phase -> phase.processKey.equals(processKey))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException("Process " + processKey + " has no officer approval"));
  }

  /** Whether a ledger action (null: none) is the request entry of some phase. */
  public static boolean isRequest(LedgerAction action) {
    return Arrays.stream(values()).anyMatch(phase -> phase.requested == action);
  }

  /** Whether a ledger action (null: none) is the approval entry of some phase. */
  public static boolean isApproval(LedgerAction action) {
    return Arrays.stream(values()).anyMatch(phase -> phase.approved == action);
  }

  /** Whether one approval decides on many keys (and may exclude some of them). */
  public boolean isCampaign() {
    return this == ROTATION_CAMPAIGN || this == DESTRUCTION_CAMPAIGN;
  }

  public LedgerAction requested() {
    return requested;
  }

  public LedgerAction approved() {
    return approved;
  }

  /** The ledger action of a decision: approved or rejected. */
  public LedgerAction decision(boolean approval) {
    return approval ? approved : rejected;
  }
}
