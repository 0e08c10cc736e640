package io.keyflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyflow.compliance.Control;
import io.keyflow.compliance.ControlEvaluation;
import io.keyflow.compliance.ControlResult;
import io.keyflow.compliance.ControlsReport;
import io.keyflow.key.Keys;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerCheckpoints;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyGenerationRequested;
import io.keyflow.ledger.details.LedgerDetails;
import io.keyflow.ledger.details.OfficerDecision;
import io.keyflow.lifecycle.ProcessTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cockpit's Controls page and the evidence pack render one evaluation of the control catalogue: for
 * the same ledger, the pack prints every control the page shows, under the same ids, with the same
 * verdicts and the same rows. The clock stands still so that both read the same instant.
 */
class ControlsPageAndPackProcessTest extends ProcessTestBase {

  @Autowired ControlEvaluation controls;
  @Autowired Ledger ledger;
  @Autowired LedgerCheckpoints checkpoints;
  @Autowired Keys keys;
  @Autowired EngineFacts engineFacts;
  @Autowired ObjectMapper json;
  @Autowired Clock clock;
  @TempDir Path dir;

  @Test
  void thePackPrintsTheControlsPageEvaluationWithTheSameIdsVerdictsAndRows() throws Exception {
    String alias = "self-approved-" + System.nanoTime();
    long requested =
        append(
            LedgerAction.KEY_GENERATION_REQUESTED,
            alias,
            new KeyGenerationRequested(
                "DATA_AT_REST", "AES-256", false, "PRODUCTION", "Approved by its requester", null));
    long approved =
        append(
            LedgerAction.KEY_GENERATION_APPROVED,
            alias,
            OfficerDecision.of("Task_ApproveKeyGeneration", "bob", List.of("bob"), "mine"));
    ClockUtil.setCurrentTime(Date.from(clock.instant().plusSeconds(1)));

    ControlsReport page = controls.evaluate();
    JsonNode shown =
        json.readTree(json.writeValueAsString(page)); // as /api/compliance/controls serves it
    JsonNode evidence = pack();

    Map<String, JsonNode> printed = new LinkedHashMap<>();
    for (JsonNode control : evidence.get("controls")) {
      if (!control.get("evaluation").isNull()) {
        printed.put(control.get("evaluation").get("id").asText(), control);
      }
    }
    assertThat(printed.keySet())
        .as("the controls the pack evaluates are those the page shows")
        .containsExactlyInAnyOrderElementsOf(shown.get("controls").findValuesAsText("id"))
        .containsExactlyInAnyOrder("4.1", "4.2", "4.3", "4.4", "4.5", "6", "8");
    for (JsonNode result : shown.get("controls")) {
      JsonNode control = printed.get(result.get("id").asText());
      assertThat(control.get("id")).isEqualTo(result.get("control"));
      assertThat(control.get("requirements")).isEqualTo(result.get("requirements"));
      assertThat(control.get("procedureSteps")).isEqualTo(result.get("procedureSteps"));
      ObjectNode withoutCatalogue = result.deepCopy();
      withoutCatalogue.remove(List.of("requirements", "procedureSteps"));
      assertThat(control.get("evaluation"))
          .as("control %s: verdict, summary and every row", result.get("id"))
          .isEqualTo(withoutCatalogue);
    }
    assertThat(evidence.get("controlsEvaluation").get("verdict").asText())
        .isEqualTo(page.verdict().name());

    ControlResult duties = page.control("8");
    assertThat(duties.control()).isEqualTo(Control.APPROVAL.id());
    assertThat(duties.findings())
        .filteredOn(f -> f.subject().equals(alias + " key generation approved"))
        .singleElement()
        .satisfies(f -> assertThat(f.holds()).isFalse())
        .satisfies(f -> assertThat(f.ledgerSequences()).containsExactly(requested, approved));

    String index = Files.readString(dir.resolve("index.html"));
    for (ControlResult result : page.controls()) {
      String verdict = result.verdict().name();
      assertThat(index)
          .contains(
              "Evaluated live (OP-PROC-001 "
                  + result.id()
                  + "): <span class=\""
                  + verdict.toLowerCase()
                  + "\">"
                  + verdict
                  + "</span>");
    }
    assertThat(index)
        .contains(
            "<td class=\"fail\">✗</td><td>"
                + alias
                + " key generation approved</td><td>bob decided on their own request</td><td>"
                + requested
                + ", "
                + approved
                + "</td>");
  }

  private long append(LedgerAction action, String alias, LedgerDetails d) {
    return ledger
        .append(
            LedgerEvent.builder(action, "bob")
                .key(null, alias)
                .processInstance("pi-" + alias)
                .details(d)
                .build())
        .seq();
  }

  /** The pack's records, report and JSON for yesterday to tomorrow, as EvidencePacks makes them. */
  private JsonNode pack() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    EvidencePeriod period = new EvidencePeriod(today.minusDays(1), today.plusDays(1));
    Instant now = clock.instant();
    LedgerVerdict verdict = new LedgerVerdict(ledger.verify(), checkpoints.verify());
    PackContent.Gathered gathered =
        new PackContent(controls, keys, engineFacts, Duration.ofDays(7))
            .gather(dir, period, null, now, verdict);
    PackSummary summary =
        new PackSummary(
            period,
            null,
            "dave",
            now,
            verdict,
            gathered.controls(),
            null,
            gathered.entriesInPeriod(),
            gathered.keys(),
            gathered.versions(),
            gathered.rows(),
            gathered.exceptionsByKind(),
            gathered.coverage());
    IndexPage.write(dir.resolve("index.html"), summary, gathered.tables());
    EvidenceJson.write(dir.resolve("evidence.json"), summary, gathered.tables());
    return json.readTree(dir.resolve("evidence.json").toFile());
  }
}
