package io.keyflow.ledger.details;

import java.util.List;

/**
 * {@code ACCESS_REVIEW_COMPLETED}: an officer reviewed every live grant; what they kept and what
 * they revoked (each with a reason), and the grants that had gone unreviewed for two cycles.
 *
 * @param reviewId the review's id
 * @param kept the grants kept, as {@code system / key-or-group}
 * @param revoked the grants revoked, each with the officer's reason
 * @param exceptions grants that had not been reviewed within two review cycles when this review
 *     started, as {@code system / key-or-group}
 * @param escalated whether the review was escalated for being open too long
 */
public record AccessReviewCompleted(
    String reviewId,
    Integer grantsListed,
    List<String> kept,
    List<OfficerDecision.Exclusion> revoked,
    List<String> exceptions,
    String comment,
    Boolean escalated)
    implements LedgerDetails {}
