package io.keyflow.evidence;

import static io.keyflow.evidence.LedgerExtraction.text;
import static io.keyflow.evidence.LedgerExtraction.time;

import io.keyflow.compliance.Control;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.CustodianAcknowledged;
import io.keyflow.ledger.details.KeyCompromised;
import io.keyflow.ledger.details.KeyDestroyed;
import io.keyflow.ledger.details.KeyDistributed;
import io.keyflow.ledger.details.KeyDistributionExpired;
import io.keyflow.ledger.details.KeyGenerated;
import io.keyflow.ledger.details.KeyRotated;
import io.keyflow.ledger.details.KeyStorageAttested;
import io.keyflow.ledger.details.KeyStorageDriftDetected;
import io.keyflow.ledger.details.KeyWrapped;
import io.keyflow.ledger.details.LedgerDetails;
import io.keyflow.ledger.details.RoleMembershipChanged;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The record (and any exception) each lifecycle ledger action makes in a pack. */
final class LedgerRecords {

  /** Actions after which a process instance writes nothing more that a record would cite. */
  private static final Set<LedgerAction> FINAL =
      EnumSet.of(
          LedgerAction.KEY_GENERATED,
          LedgerAction.KEY_ROTATED,
          LedgerAction.KEY_DESTROYED,
          LedgerAction.KEY_DISTRIBUTED,
          LedgerAction.KEY_DISTRIBUTION_EXPIRED,
          LedgerAction.KEY_STORAGE_ATTESTED,
          LedgerAction.KEY_DECRYPT_EXCEPTION_EXPIRED);

  private LedgerRecords() {}

  static boolean ends(LedgerAction action) {
    return FINAL.contains(action) || action.isRejected() || action.isRefusal();
  }

  /**
   * The entry's record.
   *
   * @param d the entry's details, the record its action names
   */
  static void record(
      LedgerEntry e,
      LedgerDetails d,
      String cited,
      TableFiles tables,
      ExceptionLog exceptions,
      Map<String, StringBuilder> versionSequences) {
    String version = e.versionNumber() == null ? "" : e.versionNumber().toString();
    switch (e.kind()) {
      case KEY_GENERATED -> {
        KeyGenerated g = (KeyGenerated) d;
        tables.add(
            EvidenceTable.GENERATIONS,
            List.of(
                time(e),
                text(e.keyAlias()),
                version,
                text(g.algorithm()),
                text(g.purpose()),
                text(g.vaultBackend()),
                text(g.hsmLabel()),
                text(g.kcv()),
                text(g.neverExtractable()),
                text(g.local()),
                e.actor(),
                text(g.approvedBy()),
                cited));
      }
      case KEY_WRAPPED -> {
        KeyWrapped w = (KeyWrapped) d;
        distribution(
            tables,
            e,
            "wrapped in the HSM, held for pickup",
            version,
            w.recipient(),
            w.mechanism(),
            null,
            null,
            null,
            e.actor(),
            w.approvedBy(),
            cited);
      }
      case KEY_DISTRIBUTED -> {
        KeyDistributed p = (KeyDistributed) d;
        distribution(
            tables,
            e,
            "picked up over mutual TLS",
            version,
            p.recipient(),
            p.mechanism(),
            p.tlsProtocol(),
            p.tlsCipherSuite(),
            p.peerCertificateSha256(),
            p.requestedBy() != null ? p.requestedBy() : e.actor(),
            p.approvedBy(),
            cited);
      }
      case KEY_DISTRIBUTION_EXPIRED -> {
        KeyDistributionExpired x = (KeyDistributionExpired) d;
        distribution(
            tables,
            e,
            "expired unpicked, package erased",
            version,
            x.recipient(),
            x.mechanism(),
            null,
            null,
            null,
            x.requestedBy() != null ? x.requestedBy() : e.actor(),
            null,
            cited);
        exceptions.add(
            ExceptionKind.DISTRIBUTION_EXPIRED_UNPICKED,
            e,
            "The package for "
                + text(x.recipient())
                + " expired at "
                + text(x.expiresAt())
                + " without being picked up",
            cited,
            Control.DISTRIBUTION);
      }
      case KEY_ROTATED -> {
        KeyRotated r = (KeyRotated) d;
        tables.add(
            EvidenceTable.ROTATIONS,
            List.of(
                time(e),
                text(e.keyAlias()),
                text(r.oldVersion()),
                text(r.newVersion()),
                text(r.kcv()),
                text(r.oldDeactivatedAt()),
                text(r.oldRetainUntil()),
                text(r.requestedBy()),
                text(r.approvedBy()),
                text(r.reason()),
                cited));
        String old = text(r.oldVersionId());
        if (!old.isEmpty()) {
          versionSequences
              .computeIfAbsent(old, v -> new StringBuilder())
              .append(e.seq())
              .append(' ');
        }
      }
      case KEY_DESTROYED -> destroyed(e, (KeyDestroyed) d, cited, version, tables, exceptions);
      case KEY_STORAGE_ATTESTED -> {
        KeyStorageAttested a = (KeyStorageAttested) d;
        tables.add(
            EvidenceTable.ATTESTATIONS,
            List.of(
                time(e),
                "attested",
                e.actor(),
                text(a.vaultBackend()),
                text(a.findingCount()),
                text(a.driftCount()),
                "",
                "",
                text(a.comment()),
                cited));
        if (a.findingCount() != null && a.findingCount() > 0) {
          exceptions.add(
              ExceptionKind.ATTESTATION_FINDINGS,
              e,
              e.actor()
                  + " attested storage with "
                  + text(a.findingCount())
                  + " findings ("
                  + text(a.driftCount())
                  + " drift); the findings are in the storage_attestation record "
                  + text(a.attestationId())
                  + " (SHA-256 "
                  + text(a.findingsSha256())
                  + ")",
              cited,
              Control.STORAGE);
        }
      }
      case KEY_STORAGE_DRIFT_DETECTED -> {
        KeyStorageDriftDetected drift = (KeyStorageDriftDetected) d;
        String finding =
            drift.finding() != null
                ? drift.finding()
                : text(drift.kind())
                    + ": "
                    + (drift.objects() == null ? 0 : drift.objects().size())
                    + " objects";
        tables.add(
            EvidenceTable.ATTESTATIONS,
            List.of(
                time(e),
                "drift detected",
                "",
                text(drift.vaultBackend()),
                "",
                "",
                finding,
                text(e.keyAlias()),
                "",
                cited));
        exceptions.add(ExceptionKind.STORAGE_DRIFT, e, finding, cited, Control.STORAGE);
      }
      case KEY_COMPROMISED ->
          exceptions.add(
              ExceptionKind.KEY_COMPROMISED,
              e,
              "Version reported compromised: " + text(((KeyCompromised) d).reason()),
              cited,
              Control.POPULATION,
              Control.ROTATION,
              Control.COMPROMISE);
      case CUSTODIAN_ACKNOWLEDGED -> {
        CustodianAcknowledged a = (CustodianAcknowledged) d;
        tables.add(
            EvidenceTable.ACKNOWLEDGEMENTS,
            List.of(
                time(e),
                e.actor(),
                text(a.groups()),
                "acknowledged",
                text(a.nextDue()),
                text(a.textSha256()),
                cited));
      }
      case ROLE_MEMBERSHIP_CHANGED -> {
        RoleMembershipChanged change = (RoleMembershipChanged) d;
        membership(tables, e, change.group(), "added", change.added(), cited);
        membership(tables, e, change.group(), "removed", change.removed(), cited);
      }
      default -> {
        if (CompromiseRecords.ACTIONS.contains(e.kind())) {
          CompromiseRecords.record(e, d, cited, tables, exceptions);
        }
        // Requests, recipients and pack issuance: cited by the records above, no record of their
        // own.
      }
    }
  }

  private static void distribution(
      TableFiles tables,
      LedgerEntry e,
      String event,
      String version,
      String recipient,
      String mechanism,
      String tlsProtocol,
      String tlsCipherSuite,
      String peerCertificateSha256,
      String requestedBy,
      String approvedBy,
      String cited) {
    tables.add(
        EvidenceTable.DISTRIBUTIONS,
        List.of(
            time(e),
            event,
            text(e.keyAlias()),
            version,
            text(recipient),
            text(mechanism),
            text(tlsProtocol),
            text(tlsCipherSuite),
            text(peerCertificateSha256),
            text(requestedBy),
            text(approvedBy),
            cited));
  }

  private static void membership(
      TableFiles tables,
      LedgerEntry e,
      String group,
      String change,
      List<String> members,
      String cited) {
    if (members == null) {
      return;
    }
    for (String member : members) {
      tables.add(
          EvidenceTable.ROLE_MEMBERSHIP,
          List.of(time(e), text(group), member, change + " (seen by the custodian sweep)", cited));
    }
  }

  private static void destroyed(
      LedgerEntry e,
      KeyDestroyed d,
      String cited,
      String version,
      TableFiles tables,
      ExceptionLog exceptions) {
    List<String> approvers = d.approvedBy() == null ? List.of() : d.approvedBy();
    tables.add(
        EvidenceTable.DESTRUCTIONS,
        List.of(
            time(e),
            text(e.keyAlias()),
            version,
            text(d.previousState()),
            text(d.kcv()),
            approvers.isEmpty() ? "" : approvers.get(0),
            approvers.size() < 2 ? "" : approvers.get(1),
            text(d.vaultObjectDestroyed()),
            text(d.verifiedAbsent()),
            text(d.requestedBy()),
            text(d.reason()),
            cited));
    if (approvers.stream().distinct().count() < 2) {
      exceptions.add(
          ExceptionKind.DESTRUCTION_WITHOUT_DUAL_CONTROL,
          e,
          "Destroyed with the approval of "
              + (approvers.isEmpty() ? "no officer" : String.join(", ", approvers))
              + " only",
          cited,
          Control.DESTRUCTION,
          Control.APPROVAL);
    }
    if (!Boolean.TRUE.equals(d.verifiedAbsent())) {
      exceptions.add(
          ExceptionKind.DESTRUCTION_NOT_VERIFIED,
          e,
          "The vault object was not verified absent",
          cited,
          Control.DESTRUCTION);
    }
  }
}
