package io.keyflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.ledger.CheckpointVerification;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Campaign entries as the auditor reads them: timeline sentences and controls 4.5 and 8 over a
 * campaign.
 */
class CampaignComplianceTest {

  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private final List<LedgerEntry> ledger = new ArrayList<>();

  private LedgerFact append(
      String actor, String action, String alias, Integer version, String instance, String details) {
    LedgerEntry entry =
        new LedgerEntry(
            ledger.size() + 1,
            NOW,
            actor,
            action,
            null,
            alias,
            null,
            version,
            instance,
            details,
            "0".repeat(64),
            "f".repeat(64));
    ledger.add(entry);
    return LedgerFact.of(entry);
  }

  /** The rule given every entry of the ledger, in order, then evaluated. */
  private ControlResult evaluate(ControlRule rule) {
    ledger.forEach(entry -> rule.read(LedgerFact.of(entry)));
    return rule.evaluate(snapshot());
  }

  private ComplianceSnapshot snapshot() {
    return new ComplianceSnapshot(
        NOW,
        List.of(),
        new LedgerVerification(true, ledger.size(), null, null),
        new CheckpointVerification(true, 0, null, null, null),
        List.of(),
        Set.of("bob", "carol"));
  }

  @Test
  void everyCampaignActionHasASentenceOfItsOwn() {
    for (String action :
        List.of(
            "ROTATION_CAMPAIGN_REQUESTED",
            "ROTATION_CAMPAIGN_APPROVED",
            "ROTATION_CAMPAIGN_REJECTED",
            "DESTRUCTION_CAMPAIGN_REQUESTED",
            "DESTRUCTION_CAMPAIGN_APPROVED",
            "DESTRUCTION_CAMPAIGN_REJECTED",
            "APPROVAL_BYPASS_DETECTED")) {
      assertThat(LedgerAction.valueOf(action)).isNotNull();
      String sentence =
          TimelineSummaries.of(
              append(
                  "bob",
                  action,
                  null,
                  null,
                  "campaign-1",
                  "{\"keyCount\":3,\"versionCount\":3,\"step\":\"generate the new key version\",\"campaign\":\"campaign-1\"}"));
      assertThat(sentence).as(action).doesNotContain(action).doesNotContain("null");
    }
  }

  @Test
  void aCampaignRequestApprovalAndRotationReadAsSentencesNamingTheCampaign() {
    String request =
        TimelineSummaries.of(
            append(
                "system:rotation-sweep",
                "ROTATION_CAMPAIGN_REQUESTED",
                null,
                null,
                "c-1",
                "{\"keyCount\":198,\"refused\":[{\"alias\":\"x\",\"reason\":\"destroyed\"}],\"skipped\":[\"y\"]}"));
    String approval =
        TimelineSummaries.of(
            append(
                "bob",
                "ROTATION_CAMPAIGN_APPROVED",
                null,
                null,
                "c-1",
                "{\"exclusions\":[{\"item\":\"orders-db\",\"reason\":\"moving next week\"}],\"comment\":\"ok\"}"));
    String rotated =
        TimelineSummaries.of(
            append(
                "system:rotation-sweep",
                "KEY_ROTATED",
                "orders-api",
                2,
                "k-1",
                "{\"newVersion\":2,\"oldVersion\":1,\"kcv\":\"abc123\",\"oldRetainUntil\":\"2029-11-29T12:00:00Z\","
                    + "\"campaign\":\"c-1\",\"campaignRequestSeq\":1,\"campaignApprovalSeqs\":[2]}"));

    assertThat(request)
        .isEqualTo(
            "Rotation campaign of 198 keys requested by system:rotation-sweep"
                + " (1 refused by the single-request checks, 1 already in progress)");
    assertThat(approval)
        .isEqualTo(
            "Rotation campaign approved by bob, excluding orders-db (moving next week): “ok”");
    assertThat(rotated).endsWith("by campaign c-1 (request entry 1, approval entry 2)");
  }

  @Test
  void aCampaignDestructionPassesFourFiveWithTheCampaignsTwoApproversAndFailsWithOne() {
    append(
        "system:destruction-sweep",
        "DESTRUCTION_CAMPAIGN_REQUESTED",
        null,
        null,
        "c-2",
        "{\"versionCount\":2}");
    append("bob", "DESTRUCTION_CAMPAIGN_APPROVED", null, null, "c-2", "{}");
    append("carol", "DESTRUCTION_CAMPAIGN_APPROVED", null, null, "c-2", "{}");
    String destroyed =
        "{\"approvedBy\":[\"bob\",\"carol\"],\"requestedBy\":\"system:destruction-sweep\",\"retainUntil\":"
            + "\"2026-11-01T00:00:00Z\",\"destroyedAt\":\"2026-11-29T12:00:00Z\",\"campaign\":\"c-2\",\"campaignRequestSeq\":1,"
            + "\"campaignApprovalSeqs\":[2,3]}";
    append("system:destruction-sweep", "KEY_DESTROYED", "orders-db", 1, "v-1", destroyed);
    append(
        "system:destruction-sweep",
        "DESTRUCTION_CAMPAIGN_REQUESTED",
        null,
        null,
        "c-3",
        "{\"versionCount\":1}");
    append("bob", "DESTRUCTION_CAMPAIGN_APPROVED", null, null, "c-3", "{}");
    append(
        "system:destruction-sweep",
        "KEY_DESTROYED",
        "billing-db",
        1,
        "v-2",
        destroyed.replace("c-2", "c-3"));

    ControlResult destruction = evaluate(new DestructionRule());
    ControlResult separation = evaluate(new SeparationOfDutiesRule());

    assertThat(destruction.findings()).hasSize(2);
    ControlFinding dual =
        destruction.findings().stream()
            .filter(f -> f.subject().equals("orders-db v1"))
            .findFirst()
            .orElseThrow();
    ControlFinding single =
        destruction.findings().stream()
            .filter(f -> f.subject().equals("billing-db v1"))
            .findFirst()
            .orElseThrow();
    assertThat(dual.statement()).contains("approved by bob and carol");
    assertThat(dual.ledgerSequences()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(single.statement()).contains("approved by 1 distinct officer(s) [bob], not 2");
    assertThat(separation.findings())
        .extracting(ControlFinding::subject)
        .contains("campaign c-2 destruction campaign approved");
  }
}
