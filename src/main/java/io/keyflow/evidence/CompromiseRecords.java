package io.keyflow.evidence;

import static io.keyflow.evidence.LedgerExtraction.text;
import static io.keyflow.evidence.LedgerExtraction.time;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyflow.ledger.LedgerEntry;
import java.util.List;
import java.util.Set;

/**
 * The records the compromise lifecycle makes in a pack (PCI DSS 3.7.5, NIST SP 800-57 compromised
 * state): reports, officers' confirmations and dismissals, containment lifted, holders told,
 * packages withdrawn, and decrypt exceptions with each use. A confirmed compromise, each package
 * withdrawn and each decryption under an exception are also exceptions of the period.
 */
final class CompromiseRecords {

  static final Set<String> ACTIONS =
      Set.of(
          "KEY_COMPROMISE_REPORTED",
          "KEY_COMPROMISE_CONFIRMED",
          "KEY_COMPROMISE_DISMISSED",
          "KEY_COMPROMISE_CONTAINMENT_LIFTED",
          "KEY_COMPROMISE_HOLDER_NOTIFIED",
          "KEY_DISTRIBUTION_WITHDRAWN",
          "KEY_DECRYPT_EXCEPTION_REQUESTED",
          "KEY_DECRYPT_EXCEPTION_OPENED",
          "KEY_DECRYPT_EXCEPTION_USED",
          "KEY_DECRYPT_EXCEPTION_EXPIRED");

  private CompromiseRecords() {}

  static void record(
      LedgerEntry e, JsonNode d, String cited, TableFiles tables, ExceptionLog exceptions) {
    String version = e.versionNumber() == null ? "" : e.versionNumber().toString();
    switch (e.action()) {
      case "KEY_COMPROMISE_REPORTED" ->
          row(
              tables,
              e,
              "compromise reported",
              text(d, "versions"),
              e.actor(),
              "",
              text(d, "reason"),
              text(d, "evidence"),
              "",
              "",
              cited);
      case "KEY_COMPROMISE_CONFIRMED" -> {
        row(
            tables,
            e,
            "compromise confirmed",
            "",
            e.actor(),
            "",
            text(d, "comment"),
            "",
            "",
            "",
            cited);
        exceptions.add(
            "KEY_COMPROMISE_CONFIRMED",
            e,
            "Officer "
                + e.actor()
                + " confirmed the compromise reported by "
                + text(d, "requestedBy")
                + "; the compromised versions are replaced and kept only for decryption until"
                + " destroyed",
            cited,
            Control.COMPROMISE,
            Control.ROTATION);
      }
      case "KEY_COMPROMISE_DISMISSED" ->
          row(
              tables,
              e,
              "compromise dismissed",
              "",
              e.actor(),
              "",
              text(d, "comment"),
              "",
              "",
              "",
              cited);
      case "KEY_COMPROMISE_CONTAINMENT_LIFTED" ->
          row(
              tables,
              e,
              "containment lifted",
              text(d, "restoredVersions"),
              e.actor(),
              "",
              "restored to " + text(d, "restoredTo"),
              "",
              "",
              "",
              cited);
      case "KEY_COMPROMISE_HOLDER_NOTIFIED" ->
          row(
              tables,
              e,
              "holder notified",
              text(d, "compromisedVersions"),
              e.actor(),
              text(d, "recipient"),
              text(d, "instruction"),
              "",
              "",
              "",
              cited);
      case "KEY_DISTRIBUTION_WITHDRAWN" -> {
        tables.add(
            EvidenceTable.DISTRIBUTIONS,
            List.of(
                time(e),
                "withdrawn before pickup, package erased",
                text(e.keyAlias()),
                version,
                text(d, "recipient"),
                "",
                "",
                "",
                "",
                e.actor(),
                "",
                cited));
        exceptions.add(
            "DISTRIBUTION_WITHDRAWN",
            e,
            "The package for "
                + text(d, "recipient")
                + " was withdrawn before pickup: "
                + text(d, "reason"),
            cited,
            Control.DISTRIBUTION,
            Control.COMPROMISE);
      }
      case "KEY_DECRYPT_EXCEPTION_REQUESTED" ->
          row(
              tables,
              e,
              "decrypt exception requested for " + text(d, "hours") + " hours",
              version,
              e.actor(),
              "",
              text(d, "reason"),
              "",
              "",
              "",
              cited);
      case "KEY_DECRYPT_EXCEPTION_OPENED" ->
          row(
              tables,
              e,
              "decrypt exception opened",
              version,
              e.actor(),
              "",
              "",
              "",
              text(d, "approvedBy"),
              text(d, "expiresAt"),
              cited);
      case "KEY_DECRYPT_EXCEPTION_USED" -> {
        row(
            tables,
            e,
            "decrypted under the exception",
            version,
            e.actor(),
            "",
            "",
            "",
            "",
            text(d, "expiresAt"),
            cited);
        exceptions.add(
            "DECRYPT_EXCEPTION_USED",
            e,
            e.actor()
                + " decrypted with compromised version "
                + version
                + " under the decrypt exception open until "
                + text(d, "expiresAt"),
            cited,
            Control.COMPROMISE);
      }
      case "KEY_DECRYPT_EXCEPTION_EXPIRED" ->
          row(tables, e, "decrypt exception closed", version, e.actor(), "", "", "", "", "", cited);
      default -> {
        // Only the actions in ACTIONS reach here.
      }
    }
  }

  private static void row(
      TableFiles tables,
      LedgerEntry e,
      String event,
      String versions,
      String by,
      String recipient,
      String reason,
      String evidence,
      String approvedBy,
      String until,
      String cited) {
    tables.add(
        EvidenceTable.COMPROMISES,
        List.of(
            time(e),
            event,
            text(e.keyAlias()),
            versions,
            by,
            recipient,
            reason,
            evidence,
            approvedBy,
            until,
            cited));
  }
}
