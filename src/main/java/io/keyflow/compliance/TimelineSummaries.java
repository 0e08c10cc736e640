package io.keyflow.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.details.ApprovalBypassDetected;
import io.keyflow.ledger.details.CampaignStep;
import io.keyflow.ledger.details.DestructionCampaignRequested;
import io.keyflow.ledger.details.KeyAccessEnded;
import io.keyflow.ledger.details.KeyAccessGranted;
import io.keyflow.ledger.details.KeyAccessRequested;
import io.keyflow.ledger.details.KeyCompromiseContainmentLifted;
import io.keyflow.ledger.details.KeyCompromiseHolderNotified;
import io.keyflow.ledger.details.KeyCompromiseReported;
import io.keyflow.ledger.details.KeyCompromiseWebhookDelivered;
import io.keyflow.ledger.details.KeyDecryptExceptionOpened;
import io.keyflow.ledger.details.KeyDecryptExceptionRequested;
import io.keyflow.ledger.details.KeyDecryptExceptionUsed;
import io.keyflow.ledger.details.KeyDestroyed;
import io.keyflow.ledger.details.KeyDestructionRequested;
import io.keyflow.ledger.details.KeyDistributed;
import io.keyflow.ledger.details.KeyDistributionExpired;
import io.keyflow.ledger.details.KeyDistributionRequested;
import io.keyflow.ledger.details.KeyDistributionWithdrawn;
import io.keyflow.ledger.details.KeyGenerated;
import io.keyflow.ledger.details.KeyGenerationRequested;
import io.keyflow.ledger.details.KeyRotated;
import io.keyflow.ledger.details.KeyRotationRequested;
import io.keyflow.ledger.details.KeyStorageAttested;
import io.keyflow.ledger.details.KeyStorageDriftDetected;
import io.keyflow.ledger.details.KeyUseRefused;
import io.keyflow.ledger.details.KeyWrapped;
import io.keyflow.ledger.details.OfficerDecision;
import io.keyflow.ledger.details.RequestRefused;
import io.keyflow.ledger.details.RotationCampaignRequested;
import java.util.ArrayList;
import java.util.List;

/** One sentence per ledger action, for a key's timeline. */
final class TimelineSummaries {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TimelineSummaries() {}

  static String of(LedgerFact f) {
    String actor = f.entry().actor();
    String v = f.entry().versionNumber() == null ? "" : " v" + f.entry().versionNumber();
    LedgerAction kind = f.kind();
    if (kind == null) {
      return f.entry().action() + " by " + actor;
    }
    return switch (kind) {
      case KEY_GENERATION_REQUESTED -> {
        KeyGenerationRequested d = f.details(KeyGenerationRequested.class);
        yield "Generation requested by "
            + actor
            + " ("
            + d.purpose()
            + ", "
            + d.algorithm()
            + ", "
            + d.environment()
            + "): "
            + d.justification();
      }
      case KEY_GENERATION_REFUSED,
          KEY_ROTATION_REFUSED,
          KEY_DESTRUCTION_REFUSED,
          KEY_DISTRIBUTION_REFUSED ->
          phase(kind)
              + " request by "
              + actor
              + " refused: "
              + f.details(RequestRefused.class).reason();
      case KEY_GENERATION_APPROVED,
          KEY_ROTATION_APPROVED,
          KEY_DESTRUCTION_APPROVED,
          KEY_DISTRIBUTION_APPROVED ->
          phase(kind) + " approved by " + actor + comment(f);
      case KEY_GENERATION_REJECTED,
          KEY_ROTATION_REJECTED,
          KEY_DESTRUCTION_REJECTED,
          KEY_DISTRIBUTION_REJECTED ->
          phase(kind) + " rejected by " + actor + comment(f);
      case KEY_GENERATED -> {
        KeyGenerated d = f.details(KeyGenerated.class);
        yield "Generated"
            + v
            + " in the "
            + d.vaultBackend()
            + " vault, label "
            + d.hsmLabel()
            + ", KCV "
            + d.kcv()
            + ", CKA_LOCAL "
            + d.local()
            + ", never extractable "
            + d.neverExtractable();
      }
      case KEY_ROTATION_REQUESTED ->
          "Rotation requested by " + actor + ": " + f.details(KeyRotationRequested.class).reason();
      case KEY_ROTATED -> {
        KeyRotated d = f.details(KeyRotated.class);
        yield "Rotated: v"
            + d.newVersion()
            + " (KCV "
            + d.kcv()
            + ") is primary, v"
            + d.oldVersion()
            + " deactivated, retained until "
            + Texts.time(d.oldRetainUntil())
            + campaign(d);
      }
      case KEY_DISTRIBUTION_REQUESTED ->
          "Distribution"
              + v
              + " to "
              + f.details(KeyDistributionRequested.class).recipient()
              + " requested by "
              + actor;
      case KEY_WRAPPED -> {
        KeyWrapped d = f.details(KeyWrapped.class);
        yield "Wrapped"
            + v
            + " ("
            + d.mechanism()
            + ") for "
            + d.recipient()
            + ", held for pickup until "
            + Texts.time(d.expiresAt());
      }
      case KEY_DISTRIBUTED -> {
        KeyDistributed d = f.details(KeyDistributed.class);
        yield "Picked up"
            + v
            + " by "
            + actor.replaceFirst("^recipient:", "")
            + " over "
            + d.tlsProtocol()
            + " "
            + d.tlsCipherSuite()
            + ", client certificate SHA-256 "
            + d.peerCertificateSha256();
      }
      case KEY_DISTRIBUTION_EXPIRED ->
          "Package"
              + v
              + " for "
              + f.details(KeyDistributionExpired.class).recipient()
              + " expired unfetched; wrapped key erased";
      case KEY_DESTRUCTION_REQUESTED ->
          "Destruction"
              + v
              + " requested by "
              + actor
              + ": "
              + f.details(KeyDestructionRequested.class).reason();
      case KEY_DESTROYED -> {
        KeyDestroyed d = f.details(KeyDestroyed.class);
        yield "Destroyed"
            + v
            + " in the vault, verified absent; requested by "
            + d.requestedBy()
            + ", approved by "
            + String.join(" and ", names(d.approvedBy()))
            + campaign(d);
      }
      case ROTATION_CAMPAIGN_REQUESTED -> {
        RotationCampaignRequested d = f.details(RotationCampaignRequested.class);
        yield "Rotation campaign of "
            + d.keyCount()
            + " keys requested by "
            + actor
            + refusedAndSkipped(d.refused(), d.skipped());
      }
      case DESTRUCTION_CAMPAIGN_REQUESTED -> {
        DestructionCampaignRequested d = f.details(DestructionCampaignRequested.class);
        yield "Destruction campaign of "
            + d.versionCount()
            + " versions requested by "
            + actor
            + refusedAndSkipped(d.refused(), d.skipped());
      }
      case ROTATION_CAMPAIGN_APPROVED, DESTRUCTION_CAMPAIGN_APPROVED ->
          (kind == LedgerAction.ROTATION_CAMPAIGN_APPROVED ? "Rotation" : "Destruction")
              + " campaign approved by "
              + actor
              + exclusions(f.details(OfficerDecision.class))
              + comment(f);
      case ROTATION_CAMPAIGN_REJECTED, DESTRUCTION_CAMPAIGN_REJECTED ->
          (kind == LedgerAction.ROTATION_CAMPAIGN_REJECTED ? "Rotation" : "Destruction")
              + " campaign rejected by "
              + actor
              + comment(f);
      case APPROVAL_BYPASS_DETECTED -> {
        ApprovalBypassDetected d = f.details(ApprovalBypassDetected.class);
        yield "Stopped before the HSM: "
            + d.step()
            + " had no complete approval in the"
            + " ledger"
            + (d.campaign() == null ? "" : " of campaign " + d.campaign())
            + "; an incident was raised";
      }
      case KEY_STORAGE_ATTESTED -> {
        KeyStorageAttested d = f.details(KeyStorageAttested.class);
        yield "Storage attested by "
            + actor
            + ": "
            + d.findingCount()
            + " findings, "
            + d.driftCount()
            + " drift";
      }
      case KEY_STORAGE_DRIFT_DETECTED ->
          "Storage drift" + v + ": " + f.details(KeyStorageDriftDetected.class).finding();
      case KEY_COMPROMISED -> "Reported compromised" + v + " by " + actor;
      case KEY_COMPROMISE_REPORTED -> {
        KeyCompromiseReported d = f.details(KeyCompromiseReported.class);
        yield "Compromise of v"
            + String.join(", v", names(d.versions()))
            + " reported by "
            + actor
            + ": "
            + d.reason();
      }
      case KEY_COMPROMISE_CONFIRMED -> "Compromise confirmed by " + actor + comment(f);
      case KEY_COMPROMISE_DISMISSED -> "Compromise report dismissed by " + actor + comment(f);
      case KEY_COMPROMISE_REFUSED ->
          "Compromise report by " + actor + " refused: " + f.details(RequestRefused.class).reason();
      case KEY_DISTRIBUTION_WITHDRAWN -> {
        KeyDistributionWithdrawn d = f.details(KeyDistributionWithdrawn.class);
        yield "Package"
            + v
            + " for "
            + d.recipient()
            + " withdrawn before pickup; wrapped key erased: "
            + d.reason();
      }
      case KEY_COMPROMISE_CONTAINMENT_LIFTED -> {
        KeyCompromiseContainmentLifted d = f.details(KeyCompromiseContainmentLifted.class);
        yield "Containment lifted after dismissal: v"
            + String.join(", v", names(d.restoredVersions()))
            + " restored to "
            + json(d.restoredTo());
      }
      case KEY_COMPROMISE_HOLDER_NOTIFIED -> {
        KeyCompromiseHolderNotified d = f.details(KeyCompromiseHolderNotified.class);
        yield "Holder "
            + d.recipient()
            + " told to stop using v"
            + String.join(", v", names(d.compromisedVersions()))
            + ": "
            + d.instruction();
      }
      case KEY_DECRYPT_EXCEPTION_REQUESTED -> {
        KeyDecryptExceptionRequested d = f.details(KeyDecryptExceptionRequested.class);
        yield "Decrypt exception"
            + v
            + " for "
            + d.hours()
            + " hours requested by "
            + actor
            + ": "
            + d.reason();
      }
      case KEY_DECRYPT_EXCEPTION_REFUSED ->
          "Decrypt exception request by "
              + actor
              + " refused: "
              + f.details(RequestRefused.class).reason();
      case KEY_DECRYPT_EXCEPTION_APPROVED -> "Decrypt exception approved by " + actor + comment(f);
      case KEY_DECRYPT_EXCEPTION_REJECTED -> "Decrypt exception rejected by " + actor + comment(f);
      case KEY_DECRYPT_EXCEPTION_OPENED -> {
        KeyDecryptExceptionOpened d = f.details(KeyDecryptExceptionOpened.class);
        yield "Decrypt exception"
            + v
            + " open until "
            + Texts.time(d.expiresAt())
            + ", approved by "
            + String.join(" and ", names(d.approvedBy()));
      }
      case KEY_DECRYPT_EXCEPTION_USED ->
          "Decrypted"
              + v
              + " under the decrypt exception by "
              + actor
              + " (open until "
              + Texts.time(f.details(KeyDecryptExceptionUsed.class).expiresAt())
              + ")";
      case KEY_DECRYPT_EXCEPTION_EXPIRED ->
          "Decrypt exception" + v + " closed: decryption refused again";
      case KEY_COMPROMISE_WEBHOOK_DELIVERED -> {
        KeyCompromiseWebhookDelivered d = f.details(KeyCompromiseWebhookDelivered.class);
        yield "Webhook of holder "
            + d.recipient()
            + " at "
            + d.host()
            + " told of the confirmed compromise (HTTP "
            + d.httpStatus()
            + ")";
      }
      case KEY_COMPROMISE_OWNER_ACKNOWLEDGED ->
          "Owner "
              + actor
              + " acknowledged the compromise and re-encrypts"
              + " under the replacement";
      case KEY_ACCESS_REQUESTED -> {
        KeyAccessRequested d = f.details(KeyAccessRequested.class);
        yield "Access of "
            + d.system()
            + " ("
            + String.join(", ", names(d.operations()))
            + ", "
            + d.duration()
            + ") requested by "
            + actor;
      }
      case KEY_ACCESS_GRANTED -> {
        KeyAccessGranted d = f.details(KeyAccessGranted.class);
        yield "Access of "
            + d.system()
            + " granted until "
            + Texts.time(d.expiresAt())
            + ", approved by "
            + String.join(" and ", names(d.approvedBy()));
      }
      case KEY_ACCESS_EXPIRED, KEY_ACCESS_REVOKED, KEY_ACCESS_ENDED -> {
        KeyAccessEnded d = f.details(KeyAccessEnded.class);
        yield "Access of " + d.system() + " " + kind.verb().toLowerCase() + ": " + d.reason();
      }
      case KEY_USE_REFUSED -> {
        KeyUseRefused d = f.details(KeyUseRefused.class);
        yield d.count() + " use(s) by " + d.system() + " refused: " + d.reason();
      }
      case KEY_ACCESS_REFUSED,
          KEY_ACCESS_APPROVED,
          KEY_ACCESS_REJECTED,
          KEY_GROUP_CREATED,
          KEY_GROUP_KEY_ADDED,
          KEY_GROUP_KEY_REMOVED,
          ACCESS_REVIEW_COMPLETED,
          RECIPIENT_REGISTERED,
          RECIPIENT_UPDATED,
          RECIPIENT_REVOKED,
          SYSTEM_CERTIFICATE_ADDED,
          SYSTEM_CERTIFICATE_REMOVED,
          LEDGER_INTEGRITY_FAILED,
          EVIDENCE_PACK_GENERATED,
          CUSTODIAN_ACKNOWLEDGED,
          ROLE_MEMBERSHIP_CHANGED ->
          kind + " by " + actor;
    };
  }

  /** The phase of a single request's action, e.g. "Rotation" for KEY_ROTATION_APPROVED. */
  private static String phase(LedgerAction action) {
    String phase = action.noun();
    return phase.charAt(0) + phase.substring(1).toLowerCase();
  }

  /**
   * For a key rotated or destroyed by a campaign: which, and the ledger entries of its request and
   * approval(s).
   */
  private static String campaign(CampaignStep step) {
    if (step.campaign() == null) {
      return "";
    }
    List<String> approvals = names(step.campaignApprovalSeqs());
    return " by campaign "
        + step.campaign()
        + " (request entry "
        + step.campaignRequestSeq()
        + ", approval entr"
        + (approvals.size() == 1 ? "y " : "ies ")
        + String.join(" and ", approvals)
        + ")";
  }

  private static String refusedAndSkipped(List<?> refusedItems, List<?> skippedItems) {
    int refused = refusedItems == null ? 0 : refusedItems.size();
    int skipped = skippedItems == null ? 0 : skippedItems.size();
    return refused == 0 && skipped == 0
        ? ""
        : " ("
            + refused
            + " refused by the single-request checks, "
            + skipped
            + " already in progress)";
  }

  private static String exclusions(OfficerDecision decision) {
    if (decision.exclusions() == null || decision.exclusions().isEmpty()) {
      return ", no key excluded";
    }
    List<String> items = new ArrayList<>();
    decision.exclusions().forEach(x -> items.add(x.item() + " (" + x.reason() + ")"));
    return ", excluding " + String.join("; ", items);
  }

  private static String comment(LedgerFact f) {
    String comment = f.details(OfficerDecision.class).comment();
    return comment == null || comment.isBlank() ? "" : ": “" + comment + "”";
  }

  /** A list's items as text; none when it is absent. */
  private static List<String> names(List<?> values) {
    return values == null ? List.of() : values.stream().map(String::valueOf).toList();
  }

  /** A recorded map as the JSON it was recorded as. */
  private static String json(Object value) {
    try {
      return value == null ? null : JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
