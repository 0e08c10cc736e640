package io.keyflow.compromise;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.RequestEntries;
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
  private final RequestEntries requests;

  CompromiseService(Keys keys, Ledger ledger, RequestEntries requests) {
    this.keys = keys;
    this.ledger = ledger;
    this.requests = requests;
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
    LedgerEntry report = requests.find(processInstanceId, LedgerAction.KEY_COMPROMISE_REPORTED);
    boolean lifted =
        ledger.entriesForProcessInstance(processInstanceId).stream()
            .anyMatch(
                e -> e.action().equals(LedgerAction.KEY_COMPROMISE_CONTAINMENT_LIFTED.name()));
    if (lifted) {
      return List.of();
    }
    JsonNode details = requests.details(report);
    ManagedKey key = keys.lock(UUID.fromString(report.keyId())).orElseThrow();
    List<KeyVersion> versions = keys.versions(key.id());
    String reportedPrimary = details.path("primaryVersionId").asText(null);
    String primaryNow = key.primaryVersionId() == null ? null : key.primaryVersionId().toString();
    int newestNow = versions.stream().mapToInt(KeyVersion::number).max().orElse(0);
    boolean rotatedMeanwhile =
        !Objects.equals(reportedPrimary, primaryNow)
            || newestNow > details.path("newestVersion").asInt();
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
      JsonNode previous = details.get("previousStates");
      for (JsonNode id : details.get("versionIds")) {
        KeyVersion version = versionById(versions, id.asText());
        if (version.state() != KeyState.COMPROMISED) {
          notRestored.add("version " + version.number() + " is " + version.state());
          continue;
        }
        KeyState before = KeyState.valueOf(previous.get(String.valueOf(version.number())).asText());
        keys.recordTransition(version.restoreAfterDismissedReport(before));
        restored.add(version.number());
        restoredTo.put(String.valueOf(version.number()), before.name());
      }
    }
    ledger.append(
        LedgerEvent.builder(LedgerAction.KEY_COMPROMISE_CONTAINMENT_LIFTED, ACTOR)
            .key(key.id(), key.alias())
            .processInstance(processInstanceId)
            .detail("restoredVersions", restored)
            .detail("restoredTo", restoredTo)
            .detail("notRestored", refusal != null ? List.of(refusal) : notRestored)
            .detail("reportedBy", report.actor())
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
    LedgerEntry report = requests.find(processInstanceId, LedgerAction.KEY_COMPROMISE_REPORTED);
    JsonNode details = requests.details(report);
    List<String> holders = new ArrayList<>();
    details.get("recipientsHolding").forEach(n -> holders.add(n.asText()));
    List<Integer> versions = new ArrayList<>();
    details.get("versions").forEach(n -> versions.add(n.asInt()));
    Set<String> told = new HashSet<>();
    ledger.entriesForProcessInstance(processInstanceId).stream()
        .filter(e -> e.action().equals(LedgerAction.KEY_COMPROMISE_HOLDER_NOTIFIED.name()))
        .forEach(e -> told.add(requests.details(e).path("recipient").asText()));
    Integer replacement =
        details.path("replacementVersion").isInt()
            ? details.get("replacementVersion").asInt()
            : null;
    for (String holder : holders) {
      if (told.contains(holder)) {
        continue;
      }
      ledger.append(
          LedgerEvent.builder(LedgerAction.KEY_COMPROMISE_HOLDER_NOTIFIED, ACTOR)
              .key(UUID.fromString(report.keyId()), report.keyAlias())
              .processInstance(processInstanceId)
              .detail("recipient", holder)
              .detail("compromisedVersions", versions)
              .detail("replacementVersion", replacement)
              .detail(
                  "instruction",
                  replacement == null
                      ? "Stop using the compromised versions and re-encrypt data under the key's primary version"
                      : "Stop using the compromised versions; version "
                          + replacement
                          + " is being distributed to you:"
                          + " re-encrypt your data under it")
              .build());
    }
    String owner =
        keys.findById(UUID.fromString(report.keyId())).map(ManagedKey::owner).orElseThrow();
    return new Aftermath(holders, versions, details.get("reason").asText(), owner);
  }

  /**
   * Records that the key's owner acknowledged the confirmed compromise; refuses anyone else. Acts
   * on the key record, never on variables.
   */
  @Transactional
  public void ownerAcknowledged(String processInstanceId, String user) {
    LedgerEntry report = requests.find(processInstanceId, LedgerAction.KEY_COMPROMISE_REPORTED);
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
            .detail("owner", user)
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

  private static KeyVersion versionById(List<KeyVersion> versions, String id) {
    return versions.stream().filter(v -> v.id().toString().equals(id)).findFirst().orElseThrow();
  }
}
