package io.keyflow.ledger.details;

/**
 * {@code KEY_COMPROMISE_OWNER_ACKNOWLEDGED}: the key's owner acknowledged a confirmed compromise.
 */
public record KeyCompromiseOwnerAcknowledged(String owner) implements LedgerDetails {}
