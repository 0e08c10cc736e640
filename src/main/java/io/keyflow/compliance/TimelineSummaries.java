package io.keyflow.compliance;

/** One sentence per ledger action, for a key's timeline. */
final class TimelineSummaries {

  private TimelineSummaries() {}

  static String of(LedgerFact f) {
    String actor = f.entry().actor();
    String v = f.entry().versionNumber() == null ? "" : " v" + f.entry().versionNumber();
    return switch (f.action()) {
      case "KEY_GENERATION_REQUESTED" ->
          "Generation requested by "
              + actor
              + " ("
              + f.text("purpose")
              + ", "
              + f.text("algorithm")
              + ", "
              + f.text("environment")
              + "): "
              + f.text("justification");
      case "KEY_GENERATION_REFUSED",
          "KEY_ROTATION_REFUSED",
          "KEY_DESTRUCTION_REFUSED",
          "KEY_DISTRIBUTION_REFUSED" ->
          phase(f.action()) + " request by " + actor + " refused: " + f.text("reason");
      case "KEY_GENERATION_APPROVED",
          "KEY_ROTATION_APPROVED",
          "KEY_DESTRUCTION_APPROVED",
          "KEY_DISTRIBUTION_APPROVED" ->
          phase(f.action()) + " approved by " + actor + comment(f);
      case "KEY_GENERATION_REJECTED",
          "KEY_ROTATION_REJECTED",
          "KEY_DESTRUCTION_REJECTED",
          "KEY_DISTRIBUTION_REJECTED" ->
          phase(f.action()) + " rejected by " + actor + comment(f);
      case "KEY_GENERATED" ->
          "Generated"
              + v
              + " in the "
              + f.text("vaultBackend")
              + " vault, label "
              + f.text("hsmLabel")
              + ", KCV "
              + f.text("kcv")
              + ", CKA_LOCAL "
              + f.text("local")
              + ", never extractable "
              + f.text("neverExtractable");
      case "KEY_ROTATION_REQUESTED" -> "Rotation requested by " + actor + ": " + f.text("reason");
      case "KEY_ROTATED" ->
          "Rotated: v"
              + f.text("newVersion")
              + " (KCV "
              + f.text("kcv")
              + ") is primary, v"
              + f.text("oldVersion")
              + " deactivated, retained until "
              + Texts.time(f.instant("oldRetainUntil"))
              + campaign(f);
      case "KEY_DISTRIBUTION_REQUESTED" ->
          "Distribution" + v + " to " + f.text("recipient") + " requested by " + actor;
      case "KEY_WRAPPED" ->
          "Wrapped"
              + v
              + " ("
              + f.text("mechanism")
              + ") for "
              + f.text("recipient")
              + ", held for pickup until "
              + Texts.time(f.instant("expiresAt"));
      case "KEY_DISTRIBUTED" ->
          "Picked up"
              + v
              + " by "
              + actor.replaceFirst("^recipient:", "")
              + " over "
              + f.text("tlsProtocol")
              + " "
              + f.text("tlsCipherSuite")
              + ", client certificate SHA-256 "
              + f.text("peerCertificateSha256");
      case "KEY_DISTRIBUTION_EXPIRED" ->
          "Package" + v + " for " + f.text("recipient") + " expired unfetched; wrapped key erased";
      case "KEY_DESTRUCTION_REQUESTED" ->
          "Destruction" + v + " requested by " + actor + ": " + f.text("reason");
      case "KEY_DESTROYED" ->
          "Destroyed"
              + v
              + " in the vault, verified absent; requested by "
              + f.text("requestedBy")
              + ", approved by "
              + String.join(" and ", f.names("approvedBy"))
              + campaign(f);
      case "ROTATION_CAMPAIGN_REQUESTED" ->
          "Rotation campaign of "
              + f.text("keyCount")
              + " keys requested by "
              + actor
              + refusedAndSkipped(f);
      case "DESTRUCTION_CAMPAIGN_REQUESTED" ->
          "Destruction campaign of "
              + f.text("versionCount")
              + " versions requested by "
              + actor
              + refusedAndSkipped(f);
      case "ROTATION_CAMPAIGN_APPROVED", "DESTRUCTION_CAMPAIGN_APPROVED" ->
          (f.is("ROTATION_CAMPAIGN_APPROVED") ? "Rotation" : "Destruction")
              + " campaign approved by "
              + actor
              + exclusions(f)
              + comment(f);
      case "ROTATION_CAMPAIGN_REJECTED", "DESTRUCTION_CAMPAIGN_REJECTED" ->
          (f.is("ROTATION_CAMPAIGN_REJECTED") ? "Rotation" : "Destruction")
              + " campaign rejected by "
              + actor
              + comment(f);
      case "APPROVAL_BYPASS_DETECTED" ->
          "Stopped before the HSM: "
              + f.text("step")
              + " had no complete approval in the"
              + " ledger"
              + (f.text("campaign") == null ? "" : " of campaign " + f.text("campaign"))
              + "; an incident was raised";
      case "KEY_STORAGE_ATTESTED" ->
          "Storage attested by "
              + actor
              + ": "
              + f.text("findingCount")
              + " findings, "
              + f.text("driftCount")
              + " drift";
      case "KEY_STORAGE_DRIFT_DETECTED" -> "Storage drift" + v + ": " + f.text("finding");
      case "KEY_COMPROMISED" -> "Reported compromised" + v + " by " + actor;
      case "KEY_COMPROMISE_REPORTED" ->
          "Compromise of v"
              + String.join(", v", f.names("versions"))
              + " reported by "
              + actor
              + ": "
              + f.text("reason");
      case "KEY_COMPROMISE_CONFIRMED" -> "Compromise confirmed by " + actor + comment(f);
      case "KEY_COMPROMISE_DISMISSED" -> "Compromise report dismissed by " + actor + comment(f);
      case "KEY_COMPROMISE_REFUSED" ->
          "Compromise report by " + actor + " refused: " + f.text("reason");
      case "KEY_DISTRIBUTION_WITHDRAWN" ->
          "Package"
              + v
              + " for "
              + f.text("recipient")
              + " withdrawn before pickup; wrapped key erased: "
              + f.text("reason");
      case "KEY_COMPROMISE_CONTAINMENT_LIFTED" ->
          "Containment lifted after dismissal: v"
              + String.join(", v", f.names("restoredVersions"))
              + " restored to "
              + f.text("restoredTo");
      case "KEY_COMPROMISE_HOLDER_NOTIFIED" ->
          "Holder "
              + f.text("recipient")
              + " told to stop using v"
              + String.join(", v", f.names("compromisedVersions"))
              + ": "
              + f.text("instruction");
      case "KEY_DECRYPT_EXCEPTION_REQUESTED" ->
          "Decrypt exception"
              + v
              + " for "
              + f.text("hours")
              + " hours requested by "
              + actor
              + ": "
              + f.text("reason");
      case "KEY_DECRYPT_EXCEPTION_REFUSED" ->
          "Decrypt exception request by " + actor + " refused: " + f.text("reason");
      case "KEY_DECRYPT_EXCEPTION_APPROVED" ->
          "Decrypt exception approved by " + actor + comment(f);
      case "KEY_DECRYPT_EXCEPTION_REJECTED" ->
          "Decrypt exception rejected by " + actor + comment(f);
      case "KEY_DECRYPT_EXCEPTION_OPENED" ->
          "Decrypt exception"
              + v
              + " open until "
              + Texts.time(f.instant("expiresAt"))
              + ", approved by "
              + String.join(" and ", f.names("approvedBy"));
      case "KEY_DECRYPT_EXCEPTION_USED" ->
          "Decrypted"
              + v
              + " under the decrypt exception by "
              + actor
              + " (open until "
              + Texts.time(f.instant("expiresAt"))
              + ")";
      case "KEY_DECRYPT_EXCEPTION_EXPIRED" ->
          "Decrypt exception" + v + " closed: decryption refused again";
      case "KEY_COMPROMISE_WEBHOOK_DELIVERED" ->
          "Webhook of holder "
              + f.text("recipient")
              + " at "
              + f.text("host")
              + " told of the confirmed compromise (HTTP "
              + f.text("httpStatus")
              + ")";
      case "KEY_COMPROMISE_OWNER_ACKNOWLEDGED" ->
          "Owner "
              + actor
              + " acknowledged the compromise and re-encrypts"
              + " under the replacement";
      default -> f.action() + " by " + actor;
    };
  }

  private static String phase(String action) {
    String phase = action.substring("KEY_".length(), action.lastIndexOf('_'));
    return phase.charAt(0) + phase.substring(1).toLowerCase();
  }

  /**
   * For a key rotated or destroyed by a campaign: which, and the ledger entries of its request and
   * approval(s).
   */
  private static String campaign(LedgerFact f) {
    if (f.text("campaign") == null) {
      return "";
    }
    return " by campaign "
        + f.text("campaign")
        + " (request entry "
        + f.text("campaignRequestSeq")
        + ", approval entr"
        + (f.names("campaignApprovalSeqs").size() == 1 ? "y " : "ies ")
        + String.join(" and ", f.names("campaignApprovalSeqs"))
        + ")";
  }

  private static String refusedAndSkipped(LedgerFact f) {
    int refused = f.details().path("refused").size();
    int skipped = f.details().path("skipped").size();
    return refused == 0 && skipped == 0
        ? ""
        : " ("
            + refused
            + " refused by the single-request checks, "
            + skipped
            + " already in progress)";
  }

  private static String exclusions(LedgerFact f) {
    var excluded = f.details().path("exclusions");
    if (excluded.isEmpty()) {
      return ", no key excluded";
    }
    java.util.List<String> items = new java.util.ArrayList<>();
    excluded.forEach(
        x -> items.add(x.path("item").asText() + " (" + x.path("reason").asText() + ")"));
    return ", excluding " + String.join("; ", items);
  }

  private static String comment(LedgerFact f) {
    String comment = f.text("comment");
    return comment == null || comment.isBlank() ? "" : ": “" + comment + "”";
  }
}
