package io.keyflow.recipient;

import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.RecipientChange;
import io.keyflow.ledger.details.SystemCertificateChange;

/**
 * The ledger entry of a recipient change: who it is and how it authenticates and is wrapped for, by
 * fingerprint (never the certificate or key itself), and only the host of its webhook.
 */
final class RecipientLedgerEvents {

  private RecipientLedgerEvents() {}

  /** {@code RECIPIENT_REGISTERED}. */
  static LedgerEvent registered(String actor, Recipient r) {
    return of(LedgerAction.RECIPIENT_REGISTERED, actor, r, null, null);
  }

  /** {@code RECIPIENT_UPDATED}, with the fingerprints and webhook host it replaced. */
  static LedgerEvent updated(String actor, Recipient r, Recipient previous) {
    return of(LedgerAction.RECIPIENT_UPDATED, actor, r, previous, null);
  }

  /** {@code RECIPIENT_REVOKED}, with why. */
  static LedgerEvent revoked(String actor, Recipient r, String reason) {
    return of(LedgerAction.RECIPIENT_REVOKED, actor, r, null, reason);
  }

  /** {@code SYSTEM_CERTIFICATE_ADDED}. */
  static LedgerEvent certificateAdded(
      String actor, Recipient system, SystemCertificate added, int live) {
    return certificate(LedgerAction.SYSTEM_CERTIFICATE_ADDED, actor, system, added, live, null);
  }

  /** {@code SYSTEM_CERTIFICATE_REMOVED}, with why (or null). */
  static LedgerEvent certificateRemoved(
      String actor, Recipient system, SystemCertificate removed, int live, String reason) {
    return certificate(
        LedgerAction.SYSTEM_CERTIFICATE_REMOVED, actor, system, removed, live, reason);
  }

  private static LedgerEvent certificate(
      LedgerAction action,
      String actor,
      Recipient system,
      SystemCertificate certificate,
      int live,
      String reason) {
    return new LedgerEvent(
        actor,
        action,
        null,
        null,
        null,
        null,
        null,
        new SystemCertificateChange(
            system.name(),
            system.id().toString(),
            certificate.sha256(),
            certificate.subject(),
            certificate.notBefore(),
            certificate.notAfter(),
            live,
            reason));
  }

  private static LedgerEvent of(
      LedgerAction action, String actor, Recipient r, Recipient previous, String reason) {
    return new LedgerEvent(
        actor,
        action,
        null,
        null,
        null,
        null,
        null,
        new RecipientChange(
            r.name(),
            r.id().toString(),
            r.environment() == null ? null : r.environment().name(),
            r.certificateSha256(),
            r.certificateSubject(),
            r.certificateNotAfter(),
            r.wrappingDescription(),
            r.wrappingKeySha256(),
            r.kekAlias(),
            webhookHost(r),
            previous == null ? null : previous.certificateSha256(),
            previous == null ? null : previous.wrappingDescription(),
            previous == null ? null : previous.wrappingKeySha256(),
            previous == null ? null : webhookHost(previous),
            reason,
            r.owner(),
            r.description()));
  }

  private static String webhookHost(Recipient r) {
    return r.webhookUrl() == null ? null : WebhookUrls.host(r.webhookUrl());
  }
}
