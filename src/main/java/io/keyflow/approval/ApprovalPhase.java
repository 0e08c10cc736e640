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
      LedgerAction.KEY_GENERATION_REJECTED,
      LedgerAction.KEY_GENERATION_REFUSED),
  DISTRIBUTION(
      "KeyDistribution",
      LedgerAction.KEY_DISTRIBUTION_REQUESTED,
      LedgerAction.KEY_DISTRIBUTION_APPROVED,
      LedgerAction.KEY_DISTRIBUTION_REJECTED,
      LedgerAction.KEY_DISTRIBUTION_REFUSED),
  ROTATION(
      "KeyRotation",
      LedgerAction.KEY_ROTATION_REQUESTED,
      LedgerAction.KEY_ROTATION_APPROVED,
      LedgerAction.KEY_ROTATION_REJECTED,
      LedgerAction.KEY_ROTATION_REFUSED),
  DESTRUCTION(
      "KeyDestruction",
      LedgerAction.KEY_DESTRUCTION_REQUESTED,
      LedgerAction.KEY_DESTRUCTION_APPROVED,
      LedgerAction.KEY_DESTRUCTION_REJECTED,
      LedgerAction.KEY_DESTRUCTION_REFUSED),
  /**
   * Confirming a compromise report: the report is the request (it is contained before anyone
   * decides), confirmation the approval, dismissal the rejection.
   */
  COMPROMISE(
      "KeyCompromise",
      LedgerAction.KEY_COMPROMISE_REPORTED,
      LedgerAction.KEY_COMPROMISE_CONFIRMED,
      LedgerAction.KEY_COMPROMISE_DISMISSED,
      LedgerAction.KEY_COMPROMISE_REFUSED),
  /** Granting a time-boxed decrypt-only exception for a compromised version. */
  DECRYPT_EXCEPTION(
      "KeyDecryptException",
      LedgerAction.KEY_DECRYPT_EXCEPTION_REQUESTED,
      LedgerAction.KEY_DECRYPT_EXCEPTION_APPROVED,
      LedgerAction.KEY_DECRYPT_EXCEPTION_REJECTED,
      LedgerAction.KEY_DECRYPT_EXCEPTION_REFUSED),
  /**
   * One officer's approval of a whole rotation campaign (the sweep found more keys due than the
   * campaign threshold); the approval may exclude keys, each with a reason.
   */
  ROTATION_CAMPAIGN(
      "RotationCampaign",
      LedgerAction.ROTATION_CAMPAIGN_REQUESTED,
      LedgerAction.ROTATION_CAMPAIGN_APPROVED,
      LedgerAction.ROTATION_CAMPAIGN_REJECTED,
      LedgerAction.KEY_ROTATION_REFUSED),
  /** Dual control over a batch of version destructions; each approval may exclude versions. */
  DESTRUCTION_CAMPAIGN(
      "DestructionCampaign",
      LedgerAction.DESTRUCTION_CAMPAIGN_REQUESTED,
      LedgerAction.DESTRUCTION_CAMPAIGN_APPROVED,
      LedgerAction.DESTRUCTION_CAMPAIGN_REJECTED,
      LedgerAction.KEY_DESTRUCTION_REFUSED),
  /**
   * Granting a system the use of a key (or a key group) for some operations until an expiry; the
   * approving officer is neither the requester nor the system's owner.
   */
  ACCESS_GRANT(
      "KeyAccessGrant",
      LedgerAction.KEY_ACCESS_REQUESTED,
      LedgerAction.KEY_ACCESS_APPROVED,
      LedgerAction.KEY_ACCESS_REJECTED,
      LedgerAction.KEY_ACCESS_REFUSED);

  private final String processKey;
  private final LedgerAction requested;
  private final LedgerAction approved;
  private final LedgerAction rejected;
  private final LedgerAction refused;

  /**
   * @param refused what a request refused by its checks records (a campaign's refusal is its
   *     phase's single-request refusal, naming the campaign)
   */
  ApprovalPhase(
      String processKey,
      LedgerAction requested,
      LedgerAction approved,
      LedgerAction rejected,
      LedgerAction refused) {
    this.processKey = processKey;
    this.requested = requested;
    this.approved = approved;
    this.rejected = rejected;
    this.refused = refused;
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

  /** What a request refused by its checks records. */
  public LedgerAction refused() {
    return refused;
  }

  /** The ledger action of a decision: approved or rejected. */
  public LedgerAction decision(boolean approval) {
    return approval ? approved : rejected;
  }
}
