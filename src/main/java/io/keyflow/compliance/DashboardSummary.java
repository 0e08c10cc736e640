package io.keyflow.compliance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the Cockpit dashboard panel shows at a glance.
 *
 * @param keysByState keys counted by their primary version's state
 * @param overdue aliases of keys whose ACTIVE primary is past its protect-stop, soonest first
 * @param lastAttestation the last storage attestation, or null when there is none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DashboardSummary(
    Instant now,
    LedgerStatus ledger,
    int keys,
    Map<String, Long> keysByState,
    List<String> overdue,
    Attestation lastAttestation) {

  /**
   * The ledger's verdict: the hash chain and every signed checkpoint.
   *
   * @param firstInvalidSequence the chain's first altered or missing sequence, else the first
   *     failing checkpoint's; null when valid
   * @param lastCheckpointAgeMinutes minutes since the last checkpoint was signed
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record LedgerStatus(
      boolean valid,
      long entries,
      Long firstInvalidSequence,
      String reason,
      long checkpoints,
      Long lastCheckpointSequence,
      Instant lastCheckpointSignedAt,
      Long lastCheckpointAgeMinutes) {}

  /** The last storage attestation: when, by whom, what it found, its ledger sequence. */
  public record Attestation(
      long seq,
      Instant at,
      String officer,
      String findingCount,
      String driftCount,
      long ageDays,
      String processInstanceId) {}
}
