package io.keyflow.rotation;

import io.keyflow.approval.Approved;
import io.keyflow.ledger.details.CampaignReference;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A new version of a key to record as its ACTIVE primary (see {@link
 * RotationService#recordNewPrimary}): the id and number fixed when it was requested (the vault
 * object a retry finds), its encrypt period, why, who asked and approved, and what becomes of the
 * version it replaces. A rotation, a campaign's rotation and the emergency rotation after a
 * compromise each say only these.
 */
public record NewPrimary(
    UUID keyId,
    UUID versionId,
    int number,
    Duration encryptPeriod,
    String reason,
    Authority authority,
    Replaced replaced) {

  public NewPrimary {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(replaced, "replaced");
  }

  /**
   * Who asked for the new version and who approved it, as its {@code KEY_ROTATED} entry cites them.
   *
   * @param requestSeq the request entry, or null when a campaign's entries authorise it
   * @param approvalSeqs the approval entries, or null as for {@code requestSeq}
   * @param campaign the campaign's entries, or null for a single request
   */
  public record Authority(
      String processInstanceId,
      String requestedBy,
      List<String> approvers,
      Long requestSeq,
      List<Long> approvalSeqs,
      CampaignReference campaign) {

    public Authority {
      approvers = List.copyOf(approvers);
      approvalSeqs = approvalSeqs == null ? null : List.copyOf(approvalSeqs);
    }

    /** The authority of a request the ledger shows approved in its own process instance. */
    public static Authority of(Approved approved) {
      return new Authority(
          approved.request().processInstanceId(),
          approved.requestedBy(),
          approved.approvers(),
          approved.requestSeq(),
          approved.approvalSeqs(),
          null);
    }
  }

  /** What becomes of the version the new primary replaces. */
  public sealed interface Replaced {}

  /**
   * A rotation: the replaced version must still be the ACTIVE primary; it becomes DEACTIVATED and
   * is retained for {@code retention}, and the recipients holding it are to receive the new one.
   */
  public record Deactivated(UUID versionId, Duration retention) implements Replaced {}

  /**
   * An emergency rotation after a confirmed compromise: the compromised versions stay COMPROMISED
   * (never DEACTIVATED: they must not decrypt), and the holders the report named are to receive the
   * new one.
   */
  public record Compromised(List<Integer> versions, List<String> holders) implements Replaced {

    public Compromised {
      versions = List.copyOf(versions);
      holders = List.copyOf(holders);
    }
  }
}
