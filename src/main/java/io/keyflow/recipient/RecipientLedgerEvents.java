package io.keyflow.recipient;

import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger entry of a recipient change: who it is and how it authenticates and is wrapped for, by
 * fingerprint (never the certificate or key itself), and only the host of its webhook.
 */
final class RecipientLedgerEvents {

  private RecipientLedgerEvents() {}

  static LedgerEvent of(LedgerAction action, String actor, Recipient r, Map<String, Object> more) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("recipient", r.name());
    details.put("recipientId", r.id());
    details.put("environment", r.environment());
    details.put("certificateSha256", r.certificateSha256());
    details.put("certificateSubject", r.certificateSubject());
    details.put("certificateNotAfter", r.certificateNotAfter());
    details.put("wrapping", r.wrappingDescription());
    details.put("wrappingKeySha256", r.wrappingKeySha256());
    details.put("kekAlias", r.kekAlias());
    details.put("webhookHost", r.webhookUrl() == null ? null : WebhookUrls.host(r.webhookUrl()));
    details.putAll(more);
    return new LedgerEvent(actor, action, null, null, null, null, null, details);
  }
}
