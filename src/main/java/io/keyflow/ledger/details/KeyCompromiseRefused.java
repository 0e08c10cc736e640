package io.keyflow.ledger.details;

/**
 * {@code KEY_COMPROMISE_REFUSED}: a compromise report that contained nothing (unknown key or
 * version, every version COMPROMISED already, or a reported recipient that holds nothing).
 *
 * @param recipient for a reported recipient: its name as submitted, else null
 */
public record KeyCompromiseRefused(String reason, String recipient) implements RequestRefused {}
