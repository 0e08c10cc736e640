package io.keyflow.ledger.details;

import java.time.Instant;

/**
 * {@code KEY_GENERATED}: version 1 of a new key, ACTIVE and primary, with what the vault reported
 * about it (KCV, label, provenance) and who approved it.
 *
 * @param approvedBy the approving officers, comma-separated
 * @param neverExtractable the vault's CKA_NEVER_EXTRACTABLE
 * @param local the vault's CKA_LOCAL: generated inside the vault
 */
public record KeyGenerated(
    String purpose,
    String algorithm,
    Boolean exportable,
    String environment,
    String justification,
    String kcv,
    String vaultBackend,
    String hsmLabel,
    String approvedBy,
    Instant protectStop,
    Boolean neverExtractable,
    Boolean local)
    implements LedgerDetails {}
