package io.keyflow.evidence;

import static io.keyflow.evidence.LedgerExtraction.text;
import static io.keyflow.evidence.LedgerExtraction.time;

import io.keyflow.compliance.Control;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.KeyCompromiseContainmentLifted;
import io.keyflow.ledger.details.KeyCompromiseHolderNotified;
import io.keyflow.ledger.details.KeyCompromiseReported;
import io.keyflow.ledger.details.KeyDecryptExceptionOpened;
import io.keyflow.ledger.details.KeyDecryptExceptionRequested;
import io.keyflow.ledger.details.KeyDecryptExceptionUsed;
import io.keyflow.ledger.details.KeyDistributionWithdrawn;
import io.keyflow.ledger.details.LedgerDetails;
import io.keyflow.ledger.details.OfficerDecision;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The records the compromise lifecycle makes in a pack (PCI DSS 3.7.5, NIST SP 800-57 compromised
 * state): reports, officers' confirmations and dismissals, containment lifted, holders told,
 * packages withdrawn, and decrypt exceptions with each use. A confirmed compromise, each package
 * withdrawn and each decryption under an exception are also exceptions of the period.
 */
final class CompromiseRecords {

  static final Set<LedgerAction> ACTIONS =
      EnumSet.of(
          LedgerAction.KEY_COMPROMISE_REPORTED,
          LedgerAction.KEY_COMPROMISE_CONFIRMED,
          LedgerAction.KEY_COMPROMISE_DISMISSED,
          LedgerAction.KEY_COMPROMISE_CONTAINMENT_LIFTED,
          LedgerAction.KEY_COMPROMISE_HOLDER_NOTIFIED,
          LedgerAction.KEY_DISTRIBUTION_WITHDRAWN,
          LedgerAction.KEY_DECRYPT_EXCEPTION_REQUESTED,
          LedgerAction.KEY_DECRYPT_EXCEPTION_OPENED,
          LedgerAction.KEY_DECRYPT_EXCEPTION_USED,
          LedgerAction.KEY_DECRYPT_EXCEPTION_EXPIRED);

  private CompromiseRecords() {}

  /**
   * The entry's record.
   *
   * @param d the entry's details, the record its action names
   */
  static void record(
      LedgerEntry e, LedgerDetails d, String cited, TableFiles tables, ExceptionLog exceptions) {
    String version = e.versionNumber() == null ? "" : e.versionNumber().toString();
    switch (e.kind()) {
      case KEY_COMPROMISE_REPORTED -> {
        KeyCompromiseReported report = (KeyCompromiseReported) d;
        row(
            tables,
            e,
            "compromise reported",
            text(report.versions()),
            e.actor(),
            "",
            text(report.reason()),
            text(report.evidence()),
            "",
            "",
            cited);
      }
      case KEY_COMPROMISE_CONFIRMED -> {
        OfficerDecision confirmation = (OfficerDecision) d;
        row(
            tables,
            e,
            "compromise confirmed",
            "",
            e.actor(),
            "",
            text(confirmation.comment()),
            "",
            "",
            "",
            cited);
        exceptions.add(
            ExceptionKind.KEY_COMPROMISE_CONFIRMED,
            e,
            "Officer "
                + e.actor()
                + " confirmed the compromise reported by "
                + text(confirmation.requestedBy())
                + "; the compromised versions are replaced and kept only for decryption until"
                + " destroyed",
            cited,
            Control.COMPROMISE,
            Control.ROTATION);
      }
      case KEY_COMPROMISE_DISMISSED ->
          row(
              tables,
              e,
              "compromise dismissed",
              "",
              e.actor(),
              "",
              text(((OfficerDecision) d).comment()),
              "",
              "",
              "",
              cited);
      case KEY_COMPROMISE_CONTAINMENT_LIFTED ->
          // The pack has always left the restored states out of this cell (the map read as empty
          // text): kept as it was, the versions column names what was restored.
          row(
              tables,
              e,
              "containment lifted",
              text(((KeyCompromiseContainmentLifted) d).restoredVersions()),
              e.actor(),
              "",
              "restored to ",
              "",
              "",
              "",
              cited);
      case KEY_COMPROMISE_HOLDER_NOTIFIED -> {
        KeyCompromiseHolderNotified notified = (KeyCompromiseHolderNotified) d;
        row(
            tables,
            e,
            "holder notified",
            text(notified.compromisedVersions()),
            e.actor(),
            text(notified.recipient()),
            text(notified.instruction()),
            "",
            "",
            "",
            cited);
      }
      case KEY_DISTRIBUTION_WITHDRAWN -> {
        KeyDistributionWithdrawn withdrawn = (KeyDistributionWithdrawn) d;
        tables.add(
            EvidenceTable.DISTRIBUTIONS,
            List.of(
                time(e),
                "withdrawn before pickup, package erased",
                text(e.keyAlias()),
                version,
                text(withdrawn.recipient()),
                "",
                "",
                "",
                "",
                e.actor(),
                "",
                cited));
        exceptions.add(
            ExceptionKind.DISTRIBUTION_WITHDRAWN,
            e,
            "The package for "
                + text(withdrawn.recipient())
                + " was withdrawn before pickup: "
                + text(withdrawn.reason()),
            cited,
            Control.DISTRIBUTION,
            Control.COMPROMISE);
      }
      case KEY_DECRYPT_EXCEPTION_REQUESTED -> {
        KeyDecryptExceptionRequested requested = (KeyDecryptExceptionRequested) d;
        row(
            tables,
            e,
            "decrypt exception requested for " + text(requested.hours()) + " hours",
            version,
            e.actor(),
            "",
            text(requested.reason()),
            "",
            "",
            "",
            cited);
      }
      case KEY_DECRYPT_EXCEPTION_OPENED -> {
        KeyDecryptExceptionOpened opened = (KeyDecryptExceptionOpened) d;
        row(
            tables,
            e,
            "decrypt exception opened",
            version,
            e.actor(),
            "",
            "",
            "",
            text(opened.approvedBy()),
            text(opened.expiresAt()),
            cited);
      }
      case KEY_DECRYPT_EXCEPTION_USED -> {
        String until = text(((KeyDecryptExceptionUsed) d).expiresAt());
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
            until,
            cited);
        exceptions.add(
            ExceptionKind.DECRYPT_EXCEPTION_USED,
            e,
            e.actor()
                + " decrypted with compromised version "
                + version
                + " under the decrypt exception open until "
                + until,
            cited,
            Control.COMPROMISE);
      }
      case KEY_DECRYPT_EXCEPTION_EXPIRED ->
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
