package io.keyflow.ledger;

/**
 * The chain's head as recorded in {@code ledger_head}: the last appended sequence and its hash. An
 * empty ledger has {@code lastSeq} 0 and {@link CanonicalForm#GENESIS_HASH}.
 */
public record LedgerHead(long lastSeq, String lastHash) {}
