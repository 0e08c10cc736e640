package io.keyflow.ledger.details;

/**
 * How a grant ended: {@code KEY_ACCESS_EXPIRED} (its time was up), {@code KEY_ACCESS_REVOKED} (an
 * officer revoked it, directly or in an access review) and {@code KEY_ACCESS_ENDED} (its system was
 * revoked or its key destroyed).
 *
 * @param grantId the grant's id
 * @param keyGroup the key group it covered, or null for the key the entry names
 * @param reason why, in words (an officer's reason for a revocation)
 * @param cause what ended it: {@code expiry}, {@code revocation}, {@code review}, {@code
 *     system-revoked} or {@code key-destroyed}
 * @param reviewId the access review that revoked it, or null
 */
public record KeyAccessEnded(
    String grantId, String system, String keyGroup, String reason, String cause, String reviewId)
    implements LedgerDetails {}
