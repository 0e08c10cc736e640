package io.keyflow.ledger.details;

import java.time.LocalDate;

/**
 * {@code EVIDENCE_PACK_GENERATED}: an evidence pack was issued for a period (both days included)
 * and scope; the digest of its manifest identifies it.
 *
 * @param scope {@code every key} or {@code key ALIAS}
 * @param exceptions how many exceptions the pack lists
 * @param checkpointSequence the signed checkpoint the pack includes, or null
 */
public record EvidencePackGenerated(
    LocalDate from,
    LocalDate to,
    String scope,
    String manifestSha256,
    Long entriesInPeriod,
    Long exceptions,
    Boolean ledgerValid,
    Long checkpointSequence)
    implements LedgerDetails {}
