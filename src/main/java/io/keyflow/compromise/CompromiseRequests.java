package io.keyflow.compromise;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.approval.Requester;
import io.keyflow.distribution.PackageWithdrawal;
import io.keyflow.distribution.RecipientHoldings;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.RequestInputs;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyCompromiseRefused;
import io.keyflow.ledger.details.KeyCompromiseReported;
import io.keyflow.ledger.details.KeyCompromised;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a compromise report and contains it at once, before any officer sees it: in one
 * transaction, with the key's row locked, the named versions become COMPROMISED, their packages
 * still waiting for pickup are withdrawn, and the ledger records {@code KEY_COMPROMISE_REPORTED}
 * and one {@code KEY_COMPROMISED} per version. From the commit on, the crypto API refuses them.
 *
 * <p>Containment does not wait for an approval on purpose: a report may be wrong, but using a key
 * that is really exposed while an officer wakes up costs more than a few refused requests; a
 * dismissal gives the versions back (see {@link CompromiseService#dismiss}).
 */
@Service
public class CompromiseRequests {

  /** Longest evidence text. */
  public static final int MAX_EVIDENCE = 2000;

  private static final ApprovalPhase PHASE = ApprovalPhase.COMPROMISE;

  private final Keys keys;
  private final PhaseSteps steps;
  private final PackageWithdrawal withdrawal;
  private final RecipientHoldings holdings;
  private final Clock clock;

  CompromiseRequests(
      Keys keys,
      PhaseSteps steps,
      PackageWithdrawal withdrawal,
      RecipientHoldings holdings,
      Clock clock) {
    this.keys = keys;
    this.steps = steps;
    this.withdrawal = withdrawal;
    this.holdings = holdings;
    this.clock = clock;
  }

  /**
   * Checks and contains a report. A refusal (unknown key or version, destroyed version, no reason,
   * every named version COMPROMISED already) changes no version and is written as {@code
   * KEY_COMPROMISE_REFUSED}, then rethrown.
   */
  @Transactional(noRollbackFor = Refusal.class)
  public CompromiseReport report(
      Object alias, Object versions, Object reason, Object evidence, Requester reporter) {
    Checked report =
        steps.request(
            PHASE,
            reporter,
            RequestInputs.aliasForLedger(alias),
            user -> check(alias, versions, reason, evidence),
            checked ->
                steps
                    .requested(PHASE, reporter)
                    .key(checked.key().id(), checked.key().alias())
                    .details(checked.reported())
                    .build(),
            refusal -> new KeyCompromiseRefused(refusal.getMessage(), null));
    return contain(report, reporter);
  }

  /** A report that passed its checks: what it contains, as its ledger entry records it. */
  private record Checked(
      ManagedKey key,
      List<KeyVersion> toContain,
      List<Integer> already,
      KeyCompromiseReported reported) {}

  private Checked check(
      Object aliasValue, Object versionsValue, Object reasonValue, Object evidenceValue) {
    String alias = RequestInputs.alias(aliasValue);
    String reason = RequestInputs.reason(reasonValue);
    String evidence = evidence(evidenceValue);
    ManagedKey found =
        keys.findByAlias(alias)
            .orElseThrow(() -> new Refusal(Kind.NOT_FOUND, "No key with alias '" + alias + "'"));
    ManagedKey key = keys.lock(found.id()).orElseThrow();
    List<KeyVersion> all = keys.versions(key.id());
    List<KeyVersion> named = ReportedVersions.select(versionsValue, alias, all);
    List<Integer> already =
        named.stream()
            .filter(ReportedVersions::alreadyCompromised)
            .map(KeyVersion::number)
            .toList();
    List<KeyVersion> toContain =
        named.stream().filter(v -> !ReportedVersions.alreadyCompromised(v)).toList();
    if (toContain.isEmpty()) {
      throw new Refusal(
          Kind.CONFLICT,
          "Version(s) "
              + already
              + " of key '"
              + alias
              + "' are COMPROMISED already: they were contained by an"
              + " earlier report, so nothing was done again; follow that report in Tasklist or Cockpit");
    }
    Map<String, String> previousStates = new LinkedHashMap<>();
    toContain.forEach(v -> previousStates.put(String.valueOf(v.number()), v.state().name()));
    TreeSet<String> recipients = new TreeSet<>();
    toContain.forEach(v -> recipients.addAll(holdings.recipientsHolding(v.id())));
    boolean primaryContained =
        toContain.stream().anyMatch(v -> v.id().equals(key.primaryVersionId()));
    int newest = all.stream().mapToInt(KeyVersion::number).max().orElse(0);
    UUID replacementId = primaryContained ? UUID.randomUUID() : null;
    Integer replacementNumber = primaryContained ? newest + 1 : null;
    return new Checked(
        key,
        toContain,
        already,
        new KeyCompromiseReported(
            reason,
            evidence,
            toContain.stream().map(KeyVersion::number).toList(),
            toContain.stream().map(v -> v.id().toString()).toList(),
            previousStates,
            already,
            Objects.toString(key.primaryVersionId(), null),
            newest,
            Objects.toString(replacementId, null),
            replacementNumber,
            List.copyOf(recipients)));
  }

  /**
   * The containment itself, after the report is recorded: each version COMPROMISED with its {@code
   * KEY_COMPROMISED} entry, and its packages waiting for pickup withdrawn.
   */
  private CompromiseReport contain(Checked report, Requester reporter) {
    ManagedKey key = report.key();
    KeyCompromiseReported reported = report.reported();
    String reportedBy = reporter.user();
    String processInstanceId = reporter.processInstanceId();
    Instant now = clock.instant();
    List<KeyVersion> contained = new ArrayList<>();
    List<UUID> withdrawn = new ArrayList<>();
    for (KeyVersion version : report.toContain()) {
      KeyVersion compromised = version.markCompromised(now);
      keys.recordTransition(compromised);
      contained.add(compromised);
      steps.record(
          LedgerEvent.builder(LedgerAction.KEY_COMPROMISED, reportedBy)
              .key(key.id(), key.alias())
              .version(version.id(), version.number())
              .processInstance(processInstanceId)
              .details(new KeyCompromised(version.state().name(), now, reported.reason()))
              .build());
      withdrawn.addAll(
          withdrawal.withdrawHeld(
              version.id(),
              reportedBy,
              "Version " + version.number() + " was reported compromised: " + reported.reason(),
              processInstanceId));
    }
    return new CompromiseReport(
        key,
        contained,
        report.already(),
        now,
        withdrawn,
        reported.recipientsHolding(),
        reported.replacementVersionId() == null
            ? null
            : UUID.fromString(reported.replacementVersionId()),
        reported.replacementVersion());
  }

  private static String evidence(Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new Refusal(Kind.INVALID_REQUEST, "evidence must be text");
    }
    if (text.length() > MAX_EVIDENCE) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "The evidence is longer than "
              + MAX_EVIDENCE
              + " characters;"
              + " summarise it and keep the full material where your incident process keeps it");
    }
    return text.strip();
  }
}
