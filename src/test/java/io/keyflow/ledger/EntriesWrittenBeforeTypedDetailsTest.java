package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyflow.ledger.details.ApprovalBypassDetected;
import io.keyflow.ledger.details.CampaignItem;
import io.keyflow.ledger.details.CampaignRequest;
import io.keyflow.ledger.details.KeyCompromiseReported;
import io.keyflow.ledger.details.KeyDestroyed;
import io.keyflow.ledger.details.KeyDistributed;
import io.keyflow.ledger.details.KeyDistributionRequested;
import io.keyflow.ledger.details.KeyGenerated;
import io.keyflow.ledger.details.KeyGenerationRequested;
import io.keyflow.ledger.details.KeyRotated;
import io.keyflow.ledger.details.KeyRotationRequested;
import io.keyflow.ledger.details.KeyStorageDriftDetected;
import io.keyflow.ledger.details.LedgerDetails;
import io.keyflow.ledger.details.OfficerDecision;
import io.keyflow.ledger.details.RequestRefused;
import io.keyflow.ledger.details.RotationCampaignRequested;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Ledger entries written by Keyflow before the details became typed records, read with today's
 * code: every chain still verifies, and every entry's details read back as its action's record with
 * the facts the readers act on, and are written again as exactly the stored bytes minus the nulls.
 *
 * <p>The fixture was written at commit db6e507 by its process tests and by RecipientApiIT,
 * CustodianAcknowledgementIT and EvidencePackIT: after each test a throwaway JUnit extension (not
 * part of the project) dumped every {@code ledger_entry} column of the test's database as one JSON
 * line, with a {@code chain} field naming the database. Each chain is complete, from seq 1.
 */
class EntriesWrittenBeforeTypedDetailsTest {

  private static final String FIXTURE = "/ledger/entries-written-before-typed-details.jsonl";

  /**
   * Actions no test at db6e507 wrote, so the fixture cannot show them: a known gap; and the actions
   * added since, which were always written with typed details.
   */
  private static final Set<LedgerAction> NOT_IN_THE_FIXTURE =
      EnumSet.of(
          LedgerAction.ROTATION_CAMPAIGN_REJECTED,
          // key access grants, added after the details became typed
          LedgerAction.KEY_ACCESS_REQUESTED,
          LedgerAction.KEY_ACCESS_REFUSED,
          LedgerAction.KEY_ACCESS_APPROVED,
          LedgerAction.KEY_ACCESS_REJECTED,
          LedgerAction.KEY_ACCESS_GRANTED,
          LedgerAction.KEY_ACCESS_EXPIRED,
          LedgerAction.KEY_ACCESS_REVOKED,
          LedgerAction.KEY_ACCESS_ENDED,
          LedgerAction.KEY_USE_REFUSED,
          LedgerAction.KEY_GROUP_CREATED,
          LedgerAction.KEY_GROUP_KEY_ADDED,
          LedgerAction.KEY_GROUP_KEY_REMOVED,
          LedgerAction.ACCESS_REVIEW_COMPLETED,
          // Born typed: no entry of theirs was ever written before the typed details.
          LedgerAction.SYSTEM_CERTIFICATE_ADDED,
          LedgerAction.SYSTEM_CERTIFICATE_REMOVED);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, List<LedgerEntry>> CHAINS = chains();

  @Test
  void everyChainWrittenBeforeVerifiesWithTodaysVerifier() {
    assertThat(CHAINS).hasSizeGreaterThanOrEqualTo(8);
    CHAINS.forEach(
        (name, entries) -> {
          LedgerEntry last = entries.get(entries.size() - 1);
          LedgerVerification verdict =
              LedgerVerifier.verify(entries.iterator(), new LedgerHead(last.seq(), last.hash()));
          assertThat(verdict.valid()).as(name + ": " + verdict.reason()).isTrue();
          assertThat(verdict.entries()).isEqualTo(entries.size());
        });
  }

  @Test
  void theFixtureHoldsEveryActionButTheKnownGap() {
    Set<LedgerAction> written = EnumSet.noneOf(LedgerAction.class);
    all().forEach(e -> written.add(e.kind()));

    assertThat(written).doesNotContainNull();
    assertThat(EnumSet.complementOf(EnumSet.copyOf(written)))
        .as("actions without an entry in the fixture")
        .containsExactlyInAnyOrderElementsOf(NOT_IN_THE_FIXTURE);
  }

  @Test
  void everyEntryIsWrittenAgainAsTheStoredDetailsMinusTheirNulls() throws IOException {
    for (LedgerEntry entry : all()) {
      LedgerDetails details = entry.details();
      JsonNode stored = withoutNulls(JSON.readTree(entry.detailsJson()));

      assertThat(details).as(entry.action()).isInstanceOf(entry.kind().detailsType());
      assertThat(CanonicalForm.detailsJson(DetailsCodec.toMap(details)))
          .as("seq %d %s", entry.seq(), entry.action())
          .isEqualTo(CanonicalForm.detailsJson(JSON.convertValue(stored, Map.class)));
    }
  }

  @Test
  void requestsReadBackWithWhatTheStepsAfterTheApprovalActOn() {
    each(
        LedgerAction.KEY_GENERATION_REQUESTED,
        KeyGenerationRequested.class,
        (e, d) -> {
          assertThat(d.purpose()).isNotBlank();
          assertThat(d.algorithm()).startsWith("AES-");
          assertThat(d.exportable()).isNotNull();
          assertThat(d.environment()).isIn("PRODUCTION", "TEST");
          assertThat(d.hsmLabel()).isEqualTo("keyflow/" + e.keyAlias() + "/v1");
          assertThat(d.justification()).isNotBlank();
        });
    each(
        LedgerAction.KEY_ROTATION_REQUESTED,
        KeyRotationRequested.class,
        (e, d) -> {
          assertThat(d.newVersionId()).isNotNull();
          assertThat(d.newVersion()).isGreaterThan(e.versionNumber());
          assertThat(d.encryptPeriodDays()).isPositive();
          assertThat(d.retentionDays()).isPositive();
          assertThat(d.reason()).isNotBlank();
          assertThat(d.recipientsHolding()).isNotNull();
        });
    each(
        LedgerAction.KEY_DISTRIBUTION_REQUESTED,
        KeyDistributionRequested.class,
        (e, d) -> {
          assertThat(d.packageId()).isNotNull();
          assertThat(d.recipient()).isNotBlank();
          assertThat(d.kcv()).isNotBlank();
        });
    each(
        LedgerAction.KEY_COMPROMISE_REPORTED,
        KeyCompromiseReported.class,
        (e, d) -> {
          assertThat(d.versions()).isNotEmpty().hasSameSizeAs(d.versionIds());
          assertThat(d.previousStates()).hasSameSizeAs(d.versions());
          d.versions().forEach(v -> assertThat(d.previousStates()).containsKey(String.valueOf(v)));
          assertThat(d.newestVersion()).isPositive();
          assertThat(d.recipientsHolding()).isNotNull();
          assertThat(d.replacementVersionId() == null).isEqualTo(d.replacementVersion() == null);
        });
    List<KeyCompromiseReported> reports =
        details(LedgerAction.KEY_COMPROMISE_REPORTED, KeyCompromiseReported.class);
    assertThat(reports).anyMatch(r -> r.replacementVersionId() != null);
    assertThat(reports).anyMatch(r -> r.replacementVersionId() == null);
    for (LedgerAction campaign :
        List.of(
            LedgerAction.ROTATION_CAMPAIGN_REQUESTED,
            LedgerAction.DESTRUCTION_CAMPAIGN_REQUESTED)) {
      for (LedgerEntry e : entries(campaign)) {
        CampaignRequest request = (CampaignRequest) e.details();
        assertThat(request.items()).as(e.action()).isNotEmpty();
        for (CampaignItem item : request.items()) {
          assertThat(item.item()).isNotBlank();
          assertThat(item.keyId()).isNotNull();
        }
      }
    }
    for (RotationCampaignRequested.Item item :
        details(LedgerAction.ROTATION_CAMPAIGN_REQUESTED, RotationCampaignRequested.class).stream()
            .flatMap(r -> r.items().stream())
            .toList()) {
      assertThat(item.newVersion()).isGreaterThan(item.currentVersion());
      assertThat(item.encryptPeriodDays()).isPositive();
      assertThat(item.newVersionId()).isNotNull();
    }
  }

  @Test
  void outcomesReadBackWithWhatTheControlsAndTheEvidencePackRead() {
    each(
        LedgerAction.KEY_GENERATED,
        KeyGenerated.class,
        (e, d) -> {
          assertThat(d.kcv()).isNotBlank();
          assertThat(d.hsmLabel()).isNotBlank();
          assertThat(d.vaultBackend()).isNotBlank();
          assertThat(d.approvedBy()).isNotBlank();
          assertThat(d.protectStop()).isAfter(e.recordedAt());
          assertThat(d.local()).isNotNull();
          assertThat(d.neverExtractable()).isNotNull();
        });
    each(
        LedgerAction.KEY_ROTATED,
        KeyRotated.class,
        (e, d) -> {
          assertThat(d.newVersionId()).hasToString(e.versionId());
          assertThat(d.newVersion()).isEqualTo(e.versionNumber());
          assertThat(d.approvedBy()).isNotEmpty();
          assertThat(d.kcv()).isNotBlank();
          if (Boolean.TRUE.equals(d.emergency())) {
            assertThat(d.compromisedVersions()).isNotEmpty();
            assertThat(d.oldVersion()).isNull();
          } else {
            assertThat(d.oldVersion()).isLessThan(d.newVersion());
            assertThat(d.oldRetainUntil()).isAfter(d.oldDeactivatedAt());
          }
        });
    List<KeyRotated> rotations = details(LedgerAction.KEY_ROTATED, KeyRotated.class);
    assertThat(rotations).anyMatch(r -> Boolean.TRUE.equals(r.emergency()));
    assertThat(rotations)
        .anyMatch(
            r -> r.byCampaign() && !r.campaignApprovalSeqs().isEmpty() && r.campaign() != null);
    each(
        LedgerAction.KEY_DESTROYED,
        KeyDestroyed.class,
        (e, d) -> {
          assertThat(d.verifiedAbsent()).isTrue();
          assertThat(d.destroyedAt()).isNotNull();
          assertThat(d.previousState()).isNotBlank();
          assertThat(d.approvedBy()).isNotEmpty();
        });
    assertThat(details(LedgerAction.KEY_DESTROYED, KeyDestroyed.class))
        .anyMatch(KeyDestroyed::byCampaign);
    each(
        LedgerAction.KEY_DISTRIBUTED,
        KeyDistributed.class,
        (e, d) -> {
          assertThat(d.packageId()).isNotNull();
          assertThat(d.tlsProtocol()).startsWith("TLS");
          assertThat(d.peerCertificateSha256()).hasSize(64);
          assertThat(d.pickedUpAt()).isNotNull();
        });
    assertThat(
            details(LedgerAction.KEY_STORAGE_DRIFT_DETECTED, KeyStorageDriftDetected.class).stream()
                .map(d -> d.finding() != null ? "one version" : "unknown objects")
                .distinct())
        .containsExactlyInAnyOrder("one version", "unknown objects");
  }

  @Test
  void decisionsRefusalsAndAlertsReadBackWithTheirFacts() {
    for (LedgerAction action : EnumSet.complementOf(EnumSet.copyOf(NOT_IN_THE_FIXTURE))) {
      if (action.isDecision()) {
        each(
            action,
            OfficerDecision.class,
            (e, d) -> {
              assertThat(d.task()).isNotBlank();
              assertThat(d.approvers()).isNotNull();
              if (action.isApproved() || action == LedgerAction.KEY_COMPROMISE_CONFIRMED) {
                assertThat(d.approvers()).contains(e.actor());
              }
            });
      }
      if (action.isRefusal()) {
        for (LedgerEntry e : entries(action)) {
          assertThat(((RequestRefused) e.details()).reason()).as(e.action()).isNotBlank();
        }
      }
    }
    assertThat(details(LedgerAction.ROTATION_CAMPAIGN_APPROVED, OfficerDecision.class))
        .anyMatch(d -> d.campaignRequestSeq() != null && d.exclusions() != null);
    assertThat(details(LedgerAction.DESTRUCTION_CAMPAIGN_APPROVED, OfficerDecision.class))
        .anyMatch(d -> d.exclusions() != null && !d.exclusions().isEmpty());
    each(
        LedgerAction.APPROVAL_BYPASS_DETECTED,
        ApprovalBypassDetected.class,
        (e, d) -> {
          assertThat(d.step()).isNotBlank();
          assertThat(LedgerAction.named(d.request())).isNotNull();
          assertThat(LedgerAction.named(d.request()).isRequest()).isTrue();
          assertThat(d.requiredApprovals()).isPositive();
        });
    assertThat(details(LedgerAction.APPROVAL_BYPASS_DETECTED, ApprovalBypassDetected.class))
        .anyMatch(d -> d.campaign() != null)
        .anyMatch(d -> d.campaign() == null);
  }

  /**
   * Checks the details of every entry of {@code action} that a lifecycle process wrote (the
   * ledger's own tests append a few bare entries outside any process, to have a chain to check).
   */
  private static <T extends LedgerDetails> void each(
      LedgerAction action, Class<T> type, java.util.function.BiConsumer<LedgerEntry, T> check) {
    List<LedgerEntry> entries =
        entries(action).stream().filter(e -> e.processInstanceId() != null).toList();
    assertThat(entries).as(action + " entries in the fixture").isNotEmpty();
    for (LedgerEntry e : entries) {
      Consumer<T> checked = d -> check.accept(e, d);
      assertThat(e.details(type))
          .as("seq %d %s %s", e.seq(), e.action(), e.detailsJson())
          .satisfies(checked);
    }
  }

  private static <T extends LedgerDetails> List<T> details(LedgerAction action, Class<T> type) {
    return entries(action).stream().map(e -> e.details(type)).toList();
  }

  private static List<LedgerEntry> entries(LedgerAction action) {
    return all().stream().filter(e -> e.is(action)).toList();
  }

  private static List<LedgerEntry> all() {
    return CHAINS.values().stream().flatMap(List::stream).toList();
  }

  private static JsonNode withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getValue().isNull()) {
          copy.set(field.getKey(), withoutNulls(field.getValue()));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(item -> copy.add(withoutNulls(item)));
      return copy;
    }
    return node;
  }

  private static Map<String, List<LedgerEntry>> chains() {
    Map<String, List<LedgerEntry>> chains = new LinkedHashMap<>();
    try (InputStream in = EntriesWrittenBeforeTypedDetailsTest.class.getResourceAsStream(FIXTURE)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = JSON.readTree(line);
        chains
            .computeIfAbsent(row.get("chain").asText(), c -> new ArrayList<>())
            .add(
                new LedgerEntry(
                    row.get("seq").asLong(),
                    Instant.parse(row.get("recorded_at").asText()),
                    row.get("actor").asText(),
                    row.get("action").asText(),
                    text(row, "key_id"),
                    text(row, "key_alias"),
                    text(row, "version_id"),
                    row.get("version_number").isNull() ? null : row.get("version_number").asInt(),
                    text(row, "process_instance_id"),
                    row.get("details").asText(),
                    row.get("prev_hash").asText(),
                    row.get("hash").asText()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return chains;
  }

  private static String text(JsonNode row, String column) {
    return row.get(column).isNull() ? null : row.get(column).asText();
  }
}
