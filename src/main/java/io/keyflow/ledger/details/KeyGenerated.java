package io.keyflow.ledger.details;

import java.time.Instant;
import java.util.List;

/**
 * {@code KEY_GENERATED}: version 1 of a new key, ACTIVE and primary, with what the vault reported
 * about it (KCV, label, provenance) and who approved it.
 *
 * @param approvedBy the approving officers, comma-separated
 * @param neverExtractable the vault's CKA_NEVER_EXTRACTABLE
 * @param local the vault's CKA_LOCAL: generated inside the vault
 * @param requestSeq the {@code KEY_GENERATION_REQUESTED} entry the key was generated for; null in
 *     entries written before outcomes cited their request
 * @param approvalSeqs the approval entries that authorised it; null in entries written before
 *     outcomes cited their request
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
    Boolean local,
    Long requestSeq,
    List<Long> approvalSeqs)
    implements LedgerDetails {}
