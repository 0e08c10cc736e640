package io.keyflow.compromise;

import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyCompromiseContainmentLifted;
import io.keyflow.ledger.details.KeyCompromiseHolderNotified;
import io.keyflow.ledger.details.KeyCompromiseOwnerAcknowledged;
import io.keyflow.ledger.details.KeyCompromiseReported;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What follows an officer's decision on a compromise report. It acts on the report as its {@code
 * KEY_COMPROMISE_REPORTED} ledger entry recorded it (which versions, in which state), never on
 * process variables.
 */
@Service
public class CompromiseService {

  static final String ACTOR = "system:key-compromise";

  private static final Logger log = LoggerFactory.getLogger(CompromiseService.class);

  private final Keys keys;
  private final Ledger ledger;

  CompromiseService(Keys keys, Ledger ledger) {
    this.keys = keys;
    this.ledger = ledger;
  }

  /**
   * Lifts the containment of a dismissed report: each contained version gets the state the report
   * found it in, with one {@code KEY_COMPROMISE_CONTAINMENT_LIFTED} entry. Only if the key was not
   * rotated meanwhile (its primary and its newest version are those of the report): otherwise the
   * versions stay COMPROMISED — a replacement exists, and going back would leave two candidates for
   * primary — and the entry says so. A version no longer COMPROMISED (destroyed) is left alone.
   * Idempotent: a second call finds the entry and changes nothing.
   *
   * @return the version numbers restored
   */
  @Transactional
  public List<Integer> dismiss(String processInstanceId) {
    List<LedgerEntry> entries = ledger.entriesForProcessInstance(processInstanceId);
    LedgerEntry report = report(entries, processInstanceId);
    boolean lifted =
        entries.stream().anyMatch(e -> e.is(LedgerAction.KEY_COMPROMISE_CONTAINMENT_LIFTED));
    if (lifted) {
      return List.of();
    }
    KeyCompromiseReported details = report.details(KeyCompromiseReported.class);
    ManagedKey key = keys.lock(UUID.fromString(report.keyId())).orElseThrow();
    List<KeyVersion> versions = keys.versions(key.id());
    int newestNow = versions.stream().mapToInt(KeyVersion::number).max().orElse(0);
    int newestReported = details.newestVersion() == null ? 0 : details.newestVersion();
    boolean rotatedMeanwhile =
        !Objects.equals(details.primaryVersionId(), Objects.toString(key.primaryVersionId(), null))
            || newestNow > newestReported;
    List<Integer> restored = new ArrayList<>();
    List<String> notRestored = new ArrayList<>();
    Map<String, String> restoredTo = new LinkedHashMap<>();
    String refusal = null;
    if (rotatedMeanwhile) {
      refusal =
          "Key '"
              + key.alias()
              + "' was rotated after the report (its primary or newest version changed):"
              + " the contained versions stay COMPROMISED; destroy them when their data is re-encrypted";
    } else {
      Map<String, String> previous = details.previousStates();
      for (String id : details.versionIds()) {
        KeyVersion version = versionById(versions, id);
        if (version.state() != KeyState.COMPROMISED) {
          notRestored.add("version " + version.number() + " is " + version.state());
          continue;
        }
        KeyState before = KeyState.valueOf(previous.get(String.valueOf(version.number())));
        keys.recordTransition(version.restoreAfterDismissedReport(before));
        restored.add(version.number());
        restoredTo.put(String.valueOf(version.number()), before.name());
      }
    }
    ledger.append(
        LedgerEvent.builder(LedgerAction.KEY_COMPROMISE_CONTAINMENT_LIFTED, ACTOR)
            .key(key.id(), key.alias())
            .processInstance(processInstanceId)
            .details(
                new KeyCompromiseContainmentLifted(
                    restored,
                    restoredTo,
                    refusal != null ? List.of(refusal) : notRestored,
                    report.actor()))
            .build());
    return restored;
  }

  /** What a confirmation leads to, as the report's ledger entry recorded it. */
  public record Aftermath(
      List<String> holders, List<Integer> versionsToDestroy, String reason, String owner) {}

  /**
   * Tells every recipient that held a contained version, one {@code KEY_COMPROMISE_HOLDER_NOTIFIED}
   * entry each (idempotent: holders already told are skipped), and returns what the rest of the
   * process acts on — holders and versions from the report's ledger entry.
   */
  @Transactional
  public Aftermath confirmed(String processInstanceId) {
    List<LedgerEntry> entries = ledger.entriesForProcessInstance(processInstanceId);
    LedgerEntry report = report(entries, processInstanceId);
    KeyCompromiseReported details = report.details(KeyCompromiseReported.class);
    List<String> holders = new ArrayList<>(details.recipientsHolding());
    List<Integer> versions = new ArrayList<>(details.versions());
    Set<String> told = new HashSet<>();
    entries.stream()
        .filter(e -> e.is(LedgerAction.KEY_COMPROMISE_HOLDER_NOTIFIED))
        .forEach(e -> told.add(e.details(KeyCompromiseHolderNotified.class).recipient()));
    Integer replacement = details.replacementVersion();
    for (String holder : holders) {
      if (told.contains(holder)) {
        continue;
      }
      ledger.append(
          LedgerEvent.builder(LedgerAction.KEY_COMPROMISE_HOLDER_NOTIFIED, ACTOR)
              .key(UUID.fromString(report.keyId()), report.keyAlias())
              .processInstance(processInstanceId)
              .details(
                  new KeyCompromiseHolderNotified(
                      holder,
                      versions,
                      replacement,
                      replacement == null
                          ? "Stop using the compromised versions and re-encrypt data under the key's primary version"
                          : "Stop using the compromised versions; version "
                              + replacement
                              + " is being distributed to you:"
                              + " re-encrypt your data under it"))
              .build());
    }
    String owner =
        keys.findById(UUID.fromString(report.keyId())).map(ManagedKey::owner).orElseThrow();
    return new Aftermath(holders, versions, details.reason(), owner);
  }

  /**
   * Records that the key's owner acknowledged the confirmed compromise; refuses anyone else. Acts
   * on the key record, never on variables.
   */
  @Transactional
  public void ownerAcknowledged(String processInstanceId, String user) {
    LedgerEntry report =
        report(ledger.entriesForProcessInstance(processInstanceId), processInstanceId);
    ManagedKey key = keys.findById(UUID.fromString(report.keyId())).orElseThrow();
    if (user == null || !user.equals(key.owner())) {
      throw new io.keyflow.approval.ApprovalRefusal(
          io.keyflow.approval.ApprovalRefusal.Kind.FORBIDDEN,
          "Only the owner of key '"
              + key.alias()
              + "' ("
              + key.owner()
              + ") can acknowledge this task; "
              + (user == null ? "sign in as them" : user + " cannot do it for them"));
    }
    ledger.append(
        LedgerEvent.builder(LedgerAction.KEY_COMPROMISE_OWNER_ACKNOWLEDGED, user)
            .key(key.id(), key.alias())
            .processInstance(processInstanceId)
            .details(new KeyCompromiseOwnerAcknowledged(user))
            .build());
  }

  /** Warns that a report waits for confirmation past its deadline (its versions stay contained). */
  public void confirmationOverdue(String alias, String processInstanceId, Instant waitingSince) {
    log.warn(
        "Compromise report on key '{}' has waited for a security officer's confirmation since {} (process instance {}):"
            + " escalated to the security-officer group; the reported versions stay contained",
        alias,
        waitingSince,
        processInstanceId);
  }

  /**
   * The report this instance acts on, as its {@code KEY_COMPROMISE_REPORTED} entry recorded it,
   * among the instance's entries.
   */
  private static LedgerEntry report(List<LedgerEntry> entries, String processInstanceId) {
    return entries.stream()
        .filter(e -> e.is(LedgerAction.KEY_COMPROMISE_REPORTED))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Process instance "
                        + processInstanceId
                        + " has no "
                        + LedgerAction.KEY_COMPROMISE_REPORTED
                        + " ledger entry"));
  }

  private static KeyVersion versionById(List<KeyVersion> versions, String id) {
    return versions.stream().filter(v -> v.id().toString().equals(id)).findFirst().orElseThrow();
  }
}
