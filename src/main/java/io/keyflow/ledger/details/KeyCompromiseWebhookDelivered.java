package io.keyflow.ledger.details;

/**
 * {@code KEY_COMPROMISE_WEBHOOK_DELIVERED}: a holder's webhook acknowledged a confirmed compromise.
 *
 * @param host the webhook URL's host only, never the whole URL
 */
public record KeyCompromiseWebhookDelivered(String recipient, String host, Integer httpStatus)
    implements LedgerDetails {}
