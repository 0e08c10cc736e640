package io.keyflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.hsm.Provenance;
import io.keyflow.key.KeyVersion;
import io.keyflow.ledger.LedgerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack's rules on their own: periods, cells, states at a date, and what makes an exception. */
class EvidenceRecordsTest {

  @TempDir Path dir;

  @Test
  void aPeriodCoversBothDaysInUtcAndRefusesWhatIsNotOne() {
    EvidencePeriod period = EvidencePeriod.parse("2026-01-01", "2026-01-31");
    assertThat(period.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(period.end()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(period.contains(Instant.parse("2026-01-31T23:59:59.999Z"))).isTrue();
    assertThat(period.contains(Instant.parse("2026-02-01T00:00:00Z"))).isFalse();
    assertThatThrownBy(() -> EvidencePeriod.parse("2026-02-01", "2026-01-31"))
        .isInstanceOf(EvidenceRefused.class)
        .hasMessageContaining("after it ends");
    assertThatThrownBy(() -> EvidencePeriod.parse("31/01/2026", "2026-01-31"))
        .hasMessageContaining("not a date")
        .hasMessageContaining("YYYY-MM-DD");
    assertThatThrownBy(() -> new EvidencePeriod(LocalDate.of(2000, 1, 1), LocalDate.of(2026, 1, 1)))
        .hasMessageContaining("ten years");
  }

  @Test
  void cellsAreQuotedAndNeverRunAsSpreadsheetFormulas() {
    assertThat(Csv.cell("plain")).isEqualTo("plain");
    assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.cell("=HYPERLINK(\"http://x\")")).startsWith("\"'=HYPERLINK");
    assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
  }

  @Test
  void theStateAtTheEndOfThePeriodFollowsTheTransitionDates() {
    Instant t0 = Instant.parse("2026-01-10T00:00:00Z");
    KeyVersion active =
        KeyVersion.activated(
            UUID.randomUUID(),
            UUID.randomUUID(),
            1,
            "software",
            "k/v1",
            "abc123",
            new Provenance(true, true, true, false, true, "CKM_AES_KEY_GEN"),
            t0,
            Duration.ofDays(365),
            "alice",
            "bob",
            "p");
    KeyVersion deactivated = active.deactivate(t0.plus(Duration.ofDays(100)), Duration.ofDays(30));
    KeyVersion destroyed = deactivated.destroy(t0.plus(Duration.ofDays(140)));
    assertThat(Population.stateAt(destroyed, t0.minusSeconds(1))).isEqualTo("PRE_ACTIVE");
    assertThat(Population.stateAt(destroyed, t0.plus(Duration.ofDays(50)))).isEqualTo("ACTIVE");
    assertThat(Population.stateAt(destroyed, t0.plus(Duration.ofDays(120))))
        .isEqualTo("DEACTIVATED");
    assertThat(Population.stateAt(destroyed, t0.plus(Duration.ofDays(141)))).isEqualTo("DESTROYED");
    EvidencePeriod before =
        new EvidencePeriod(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
    assertThat(Population.existedIn(destroyed, before)).isFalse();
  }

  @Test
  void aSelfApprovalAndALateDecisionAreExceptionsAndEveryValueIsEscapedInTheReport()
      throws IOException {
    EvidencePeriod period = EvidencePeriod.parse("2026-03-01", "2026-03-31");
    TableFiles tables = new TableFiles(dir);
    ExceptionLog exceptions = new ExceptionLog(tables);
    LedgerExtraction extraction =
        new LedgerExtraction(period, null, Duration.ofDays(7), tables, exceptions);
    extraction.accept(
        entry(1, "2026-03-01T09:00:00Z", "mallory", "KEY_GENERATION_REQUESTED", "{}"));
    extraction.accept(
        entry(
            2,
            "2026-03-20T09:00:00Z",
            "mallory",
            "KEY_GENERATION_APPROVED",
            "{\"comment\":\"<script>alert(1)</script>\",\"requestedBy\":\"mallory\"}"));
    tables.close();

    assertThat(exceptions.countsByKind())
        .containsEntry("SELF_APPROVAL", 1L)
        .containsEntry("APPROVAL_BEYOND_ESCALATION", 1L);
    String approvals = Files.readString(tables.csv(EvidenceTable.APPROVALS));
    assertThat(approvals).contains(",mallory,mallory,NO,19 days,").endsWith(",1 2\r\n");
    String html = Files.readString(tables.htmlFragment(EvidenceTable.APPROVALS));
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    assertThat(extraction.entriesInPeriod()).isEqualTo(2);
    assertThat(extraction.lastSequenceInPeriod()).isEqualTo(2);
  }

  @Test
  void
      aConfirmedCompromiseAWithdrawnPackageAndEachDecryptionUnderAnExceptionAreRecordsAndExceptions()
          throws IOException {
    EvidencePeriod period = EvidencePeriod.parse("2026-03-01", "2026-03-31");
    TableFiles tables = new TableFiles(dir);
    ExceptionLog exceptions = new ExceptionLog(tables);
    LedgerExtraction extraction =
        new LedgerExtraction(period, null, Duration.ofDays(7), tables, exceptions);
    extraction.accept(
        entry(
            1,
            "2026-03-02T09:00:00Z",
            "alice",
            "KEY_COMPROMISE_REPORTED",
            "{\"reason\":\"laptop stolen\",\"evidence\":\"INC-42\",\"versions\":[1,2]}"));
    extraction.accept(
        entry(
            2,
            "2026-03-02T09:01:00Z",
            "system:compromise",
            "KEY_DISTRIBUTION_WITHDRAWN",
            "{\"packageId\":\"p-1\",\"recipient\":\"payments\",\"reason\":\"version 2 reported compromised\"}"));
    extraction.accept(
        entry(
            3,
            "2026-03-02T10:00:00Z",
            "bob",
            "KEY_COMPROMISE_CONFIRMED",
            "{\"requestedBy\":\"alice\",\"comment\":\"seen in the logs\"}"));
    LedgerEntry used =
        new LedgerEntry(
            4,
            Instant.parse("2026-03-03T10:00:00Z"),
            "svc-batch",
            "KEY_DECRYPT_EXCEPTION_USED",
            null,
            "orders-db",
            null,
            1,
            "pi-2",
            "{\"exceptionId\":\"x-1\",\"expiresAt\":\"2026-03-04T10:00:00Z\"}",
            "0".repeat(64),
            "f".repeat(64));
    extraction.accept(used);
    tables.close();

    assertThat(exceptions.countsByKind())
        .containsEntry("KEY_COMPROMISE_CONFIRMED", 1L)
        .containsEntry("DISTRIBUTION_WITHDRAWN", 1L)
        .containsEntry("DECRYPT_EXCEPTION_USED", 1L)
        .doesNotContainKey("SELF_APPROVAL");
    String compromises = Files.readString(tables.csv(EvidenceTable.COMPROMISES));
    assertThat(compromises)
        .startsWith("time,event,alias,versions,by,recipient,reason,evidence,approved_by,until,")
        .contains(",compromise reported,orders-db,\"1, 2\",alice,,laptop stolen,INC-42,,,1\r\n")
        .contains(",compromise confirmed,orders-db,,bob,,seen in the logs,,,,1 2 3\r\n")
        .contains(
            ",decrypted under the exception,orders-db,1,svc-batch,,,,,2026-03-04T10:00:00Z,4\r\n");
    assertThat(Files.readString(tables.csv(EvidenceTable.APPROVALS)))
        .contains(",compromise,CONFIRMED,orders-db,bob,alice,yes,");
    assertThat(Files.readString(tables.csv(EvidenceTable.DISTRIBUTIONS)))
        .contains(
            ",\"withdrawn before pickup, package erased\",orders-db,,payments,,,,,system:compromise,,1 2\r\n");
    String exceptionRows = Files.readString(tables.csv(EvidenceTable.EXCEPTIONS));
    assertThat(exceptionRows)
        .contains(
            "DISTRIBUTION_WITHDRAWN,2026-03-02T09:01:00Z,orders-db,,The package for payments"
                + " was withdrawn before pickup: version 2 reported compromised,KF-DIST KF-CMP,1 2\r\n");
    assertThat(exceptionRows)
        .contains(
            "svc-batch decrypted with compromised version 1 under the decrypt exception open"
                + " until 2026-03-04T10:00:00Z,KF-CMP,4\r\n");
  }

  @Test
  void aCampaignsApprovalIsAnApprovalRecordAndEachKeyItRotatedCitesTheCampaignsRequestAndApproval()
      throws IOException {
    EvidencePeriod period = EvidencePeriod.parse("2026-03-01", "2026-03-31");
    TableFiles tables = new TableFiles(dir);
    ExceptionLog exceptions = new ExceptionLog(tables);
    LedgerExtraction extraction =
        new LedgerExtraction(period, null, Duration.ofDays(7), tables, exceptions);
    extraction.accept(
        new LedgerEntry(
            1,
            Instant.parse("2026-03-02T06:00:00Z"),
            "system:rotation-sweep",
            "ROTATION_CAMPAIGN_REQUESTED",
            null,
            null,
            null,
            null,
            "campaign-1",
            "{\"keyCount\":2,\"items\":[]}",
            "0".repeat(64),
            "f".repeat(64)));
    extraction.accept(
        new LedgerEntry(
            2,
            Instant.parse("2026-03-02T09:00:00Z"),
            "bob",
            "ROTATION_CAMPAIGN_APPROVED",
            null,
            null,
            null,
            null,
            "campaign-1",
            "{\"requestedBy\":\"system:rotation-sweep\",\"exclusions\":[]}",
            "0".repeat(64),
            "f".repeat(64)));
    extraction.accept(
        new LedgerEntry(
            3,
            Instant.parse("2026-03-02T09:01:00Z"),
            "system:rotation-sweep",
            "KEY_ROTATED",
            null,
            "orders-db",
            null,
            2,
            "per-key-1",
            "{\"oldVersion\":1,\"newVersion\":2,\"approvedBy\":[\"bob\"],"
                + "\"campaign\":\"campaign-1\",\"campaignRequestSeq\":1,\"campaignApprovalSeqs\":[2]}",
            "0".repeat(64),
            "f".repeat(64)));
    tables.close();

    assertThat(Files.readString(tables.csv(EvidenceTable.APPROVALS)))
        .contains("rotation_campaign,APPROVED,,bob,system:rotation-sweep,yes,");
    assertThat(Files.readString(tables.csv(EvidenceTable.ROTATIONS)))
        .contains("orders-db")
        .endsWith(",1 2 3\r\n");
    assertThat(exceptions.countsByKind()).isEmpty();
  }

  private static LedgerEntry entry(
      long seq, String at, String actor, String action, String details) {
    return new LedgerEntry(
        seq,
        Instant.parse(at),
        actor,
        action,
        null,
        "orders-db",
        null,
        null,
        "pi-1",
        details,
        "0".repeat(64),
        "f".repeat(64));
  }
}
