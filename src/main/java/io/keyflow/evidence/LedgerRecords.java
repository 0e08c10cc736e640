package io.keyflow.evidence;

import static io.keyflow.evidence.LedgerExtraction.text;
import static io.keyflow.evidence.LedgerExtraction.time;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyflow.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The record (and any exception) each lifecycle ledger action makes in a pack. */
final class LedgerRecords {

  /** Actions after which a process instance writes nothing more that a record would cite. */
  private static final Set<String> FINAL =
      Set.of(
          "KEY_GENERATED",
          "KEY_ROTATED",
          "KEY_DESTROYED",
          "KEY_DISTRIBUTED",
          "KEY_DISTRIBUTION_EXPIRED",
          "KEY_STORAGE_ATTESTED",
          "KEY_DECRYPT_EXCEPTION_EXPIRED");

  private LedgerRecords() {}

  static boolean ends(String action) {
    return FINAL.contains(action) || action.endsWith("_REJECTED") || action.endsWith("_REFUSED");
  }

  static void record(
      LedgerEntry e,
      JsonNode d,
      String cited,
      TableFiles tables,
      ExceptionLog exceptions,
      Map<String, StringBuilder> versionSequences) {
    String version = e.versionNumber() == null ? "" : e.versionNumber().toString();
    switch (e.action()) {
      case "KEY_GENERATED" ->
          tables.add(
              EvidenceTable.GENERATIONS,
              List.of(
                  time(e),
                  text(e.keyAlias()),
                  version,
                  text(d, "algorithm"),
                  text(d, "purpose"),
                  text(d, "vaultBackend"),
                  text(d, "hsmLabel"),
                  text(d, "kcv"),
                  text(d, "neverExtractable"),
                  text(d, "local"),
                  e.actor(),
                  text(d, "approvedBy"),
                  cited));
      case "KEY_WRAPPED", "KEY_DISTRIBUTED", "KEY_DISTRIBUTION_EXPIRED" -> {
        String event =
            switch (e.action()) {
              case "KEY_WRAPPED" -> "wrapped in the HSM, held for pickup";
              case "KEY_DISTRIBUTED" -> "picked up over mutual TLS";
              default -> "expired unpicked, package erased";
            };
        tables.add(
            EvidenceTable.DISTRIBUTIONS,
            List.of(
                time(e),
                event,
                text(e.keyAlias()),
                version,
                text(d, "recipient"),
                text(d, "mechanism"),
                text(d, "tlsProtocol"),
                text(d, "tlsCipherSuite"),
                text(d, "peerCertificateSha256"),
                d.has("requestedBy") ? text(d, "requestedBy") : e.actor(),
                text(d, "approvedBy"),
                cited));
        if (e.action().equals("KEY_DISTRIBUTION_EXPIRED")) {
          exceptions.add(
              "DISTRIBUTION_EXPIRED_UNPICKED",
              e,
              "The package for "
                  + text(d, "recipient")
                  + " expired at "
                  + text(d, "expiresAt")
                  + " without being picked up",
              cited,
              Control.DISTRIBUTION);
        }
      }
      case "KEY_ROTATED" -> {
        tables.add(
            EvidenceTable.ROTATIONS,
            List.of(
                time(e),
                text(e.keyAlias()),
                text(d, "oldVersion"),
                text(d, "newVersion"),
                text(d, "kcv"),
                text(d, "oldDeactivatedAt"),
                text(d, "oldRetainUntil"),
                text(d, "requestedBy"),
                text(d, "approvedBy"),
                text(d, "reason"),
                cited));
        String old = text(d, "oldVersionId");
        if (!old.isEmpty()) {
          versionSequences
              .computeIfAbsent(old, v -> new StringBuilder())
              .append(e.seq())
              .append(' ');
        }
      }
      case "KEY_DESTROYED" -> destroyed(e, d, cited, version, tables, exceptions);
      case "KEY_STORAGE_ATTESTED" -> {
        tables.add(
            EvidenceTable.ATTESTATIONS,
            List.of(
                time(e),
                "attested",
                e.actor(),
                text(d, "vaultBackend"),
                text(d, "findingCount"),
                text(d, "driftCount"),
                "",
                "",
                text(d, "comment"),
                cited));
        if (d.path("findingCount").asInt() > 0) {
          exceptions.add(
              "ATTESTATION_FINDINGS",
              e,
              e.actor()
                  + " attested storage with "
                  + text(d, "findingCount")
                  + " findings ("
                  + text(d, "driftCount")
                  + " drift); the findings are in the storage_attestation record "
                  + text(d, "attestationId")
                  + " (SHA-256 "
                  + text(d, "findingsSha256")
                  + ")",
              cited,
              Control.STORAGE);
        }
      }
      case "KEY_STORAGE_DRIFT_DETECTED" -> {
        String finding =
            d.has("finding")
                ? text(d, "finding")
                : text(d, "kind") + ": " + d.path("objects").size() + " objects";
        tables.add(
            EvidenceTable.ATTESTATIONS,
            List.of(
                time(e),
                "drift detected",
                "",
                text(d, "vaultBackend"),
                "",
                "",
                finding,
                text(e.keyAlias()),
                "",
                cited));
        exceptions.add("STORAGE_DRIFT", e, finding, cited, Control.STORAGE);
      }
      case "KEY_COMPROMISED" ->
          exceptions.add(
              "KEY_COMPROMISED",
              e,
              "Version reported compromised: " + text(d, "reason"),
              cited,
              Control.POPULATION,
              Control.ROTATION,
              Control.COMPROMISE);
      case "CUSTODIAN_ACKNOWLEDGED" ->
          tables.add(
              EvidenceTable.ACKNOWLEDGEMENTS,
              List.of(
                  time(e),
                  e.actor(),
                  text(d, "groups"),
                  "acknowledged",
                  text(d, "nextDue"),
                  text(d, "textSha256"),
                  cited));
      case "ROLE_MEMBERSHIP_CHANGED" -> {
        for (String change : List.of("added", "removed")) {
          for (JsonNode member : d.path(change)) {
            tables.add(
                EvidenceTable.ROLE_MEMBERSHIP,
                List.of(
                    time(e),
                    text(d, "group"),
                    member.asText(),
                    change + " (seen by the custodian sweep)",
                    cited));
          }
        }
      }
      default -> {
        if (CompromiseRecords.ACTIONS.contains(e.action())) {
          CompromiseRecords.record(e, d, cited, tables, exceptions);
        }
        // Requests, recipients and pack issuance: cited by the records above, no record of their
        // own.
      }
    }
  }

  private static void destroyed(
      LedgerEntry e,
      JsonNode d,
      String cited,
      String version,
      TableFiles tables,
      ExceptionLog exceptions) {
    List<String> approvers = new ArrayList<>();
    d.path("approvedBy").forEach(a -> approvers.add(a.asText()));
    tables.add(
        EvidenceTable.DESTRUCTIONS,
        List.of(
            time(e),
            text(e.keyAlias()),
            version,
            text(d, "previousState"),
            text(d, "kcv"),
            approvers.isEmpty() ? "" : approvers.get(0),
            approvers.size() < 2 ? "" : approvers.get(1),
            text(d, "vaultObjectDestroyed"),
            text(d, "verifiedAbsent"),
            text(d, "requestedBy"),
            text(d, "reason"),
            cited));
    if (approvers.stream().distinct().count() < 2) {
      exceptions.add(
          "DESTRUCTION_WITHOUT_DUAL_CONTROL",
          e,
          "Destroyed with the approval of "
              + (approvers.isEmpty() ? "no officer" : String.join(", ", approvers))
              + " only",
          cited,
          Control.DESTRUCTION,
          Control.APPROVAL);
    }
    if (!d.path("verifiedAbsent").asBoolean(false)) {
      exceptions.add(
          "DESTRUCTION_NOT_VERIFIED",
          e,
          "The vault object was not verified absent",
          cited,
          Control.DESTRUCTION);
    }
  }
}
