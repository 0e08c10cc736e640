package io.keyflow.access;

import io.keyflow.access.internal.ReviewRepository;
import io.keyflow.approval.CampaignExclusions;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.AccessReviewCompleted;
import io.keyflow.ledger.details.OfficerDecision;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The periodic access review (PCI DSS v4.0 7.2.4, SOC 2 CC6.2/CC6.3): an officer sees every live
 * grant — system, key or group, operations, who granted it and when, last use and use count — and
 * revokes lines with {@code system / key: reason} (a group as {@code @name}); the rest are kept.
 * Completing it ends the revoked grants at once and records {@code ACCESS_REVIEW_COMPLETED}. A live
 * grant not reviewed within two review cycles is an exception, shown in the review and answered by
 * {@link #unreviewed()}.
 */
@Service
public class AccessReviews {

  private static final Logger log = LoggerFactory.getLogger(AccessReviews.class);

  /** What an opened review shows the officer. */
  public record Opened(String reviewId, int grantCount, String grants, String exceptions) {}

  private final Grants grants;
  private final GrantUsage usage;
  private final ReviewRepository reviews;
  private final Ledger ledger;
  private final AccessSettings settings;
  private final Clock clock;

  AccessReviews(
      Grants grants,
      GrantUsage usage,
      ReviewRepository reviews,
      Ledger ledger,
      AccessSettings settings,
      Clock clock) {
    this.grants = grants;
    this.usage = usage;
    this.reviews = reviews;
    this.ledger = ledger;
    this.settings = settings;
    this.clock = clock;
  }

  /** The line a grant is reviewed under: {@code system/alias} or {@code system/@group}. */
  public static String item(Grant grant) {
    return grant.system() + "/" + grant.target();
  }

  /** The live grants now (ACTIVE and not past their expiry), by system and target. */
  public List<Grant> live() {
    Instant now = clock.instant();
    return grants.active().stream()
        .filter(g -> now.isBefore(g.expiresAt()))
        .sorted(Comparator.comparing(AccessReviews::item))
        .toList();
  }

  /**
   * Live grants not reviewed within two review cycles (by their last review, or their approval when
   * never reviewed): the exceptions an auditor asks about.
   */
  public List<Grant> unreviewed() {
    Instant cutoff = clock.instant().minus(settings.reviewCycle().multipliedBy(2));
    return live().stream()
        .filter(
            g -> {
              Instant since = g.lastReviewedAt() != null ? g.lastReviewedAt() : g.approvedAt();
              return since != null && since.isBefore(cutoff);
            })
        .toList();
  }

  /** Opens a review of every live grant; idempotent per process instance. */
  @Transactional
  public Opened open(String processInstanceId, String startedBy) {
    List<Grant> live = live();
    String reviewId =
        reviews
            .byProcessInstance(processInstanceId)
            .map(ReviewRepository.Review::id)
            .orElseGet(
                () -> {
                  String id = UUID.randomUUID().toString();
                  reviews.insert(id, processInstanceId, clock.instant(), startedBy, live.size());
                  return id;
                });
    String listing =
        live.isEmpty()
            ? "No live grants."
            : live.stream().map(this::line).collect(Collectors.joining("\n"));
    List<Grant> exceptions = unreviewed();
    String unreviewed =
        exceptions.isEmpty()
            ? "None: every live grant was reviewed within two cycles."
            : exceptions.stream()
                .map(g -> item(g) + " (last reviewed " + orNever(g.lastReviewedAt()) + ")")
                .collect(Collectors.joining("\n"));
    return new Opened(reviewId, live.size(), listing, unreviewed);
  }

  private String line(Grant g) {
    List<GrantUsage.Line> lines = usage.of(g);
    long uses = lines.stream().mapToLong(GrantUsage.Line::uses).sum();
    Instant lastUse =
        lines.stream()
            .map(GrantUsage.Line::lastUse)
            .filter(java.util.Objects::nonNull)
            .max(Instant::compareTo)
            .orElse(null);
    return item(g)
        + "  "
        + g.operations().stream().map(AccessOperation::wireName).collect(Collectors.joining(","))
        + "  granted by "
        + g.approvedBy()
        + " at "
        + g.approvedAt()
        + ", until "
        + g.expiresAt()
        + "  last use "
        + orNever(lastUse)
        + ", "
        + uses
        + " uses";
  }

  private static String orNever(Instant at) {
    return at == null ? "never" : at.toString();
  }

  /**
   * Completes the review of {@code processInstanceId}: revokes the lines named (each with its
   * reason, at once), keeps the rest, and records {@code ACCESS_REVIEW_COMPLETED}.
   *
   * @throws io.keyflow.approval.ApprovalRefusal INVALID for a line that is not {@code system / key:
   *     reason} of a live grant (nothing is recorded)
   */
  @Transactional
  public AccessReviewCompleted complete(
      String processInstanceId,
      String officer,
      Object revocations,
      String comment,
      boolean escalated) {
    ReviewRepository.Review review = reviews.byProcessInstance(processInstanceId).orElseThrow();
    List<Grant> reviewed =
        live().stream()
            .filter(g -> g.approvedAt() != null && !g.approvedAt().isAfter(review.startedAt()))
            .toList();
    Map<String, List<Grant>> byItem = new LinkedHashMap<>();
    reviewed.forEach(g -> byItem.computeIfAbsent(item(g), k -> new ArrayList<>()).add(g));
    Map<String, String> revoked = CampaignExclusions.parse(normalise(revocations), byItem.keySet());
    Instant now = clock.instant();
    List<String> kept = new ArrayList<>();
    List<OfficerDecision.Exclusion> revokedLines = new ArrayList<>();
    for (Map.Entry<String, List<Grant>> entry : byItem.entrySet()) {
      String reason = revoked.get(entry.getKey());
      if (reason == null) {
        kept.add(entry.getKey());
        continue;
      }
      revokedLines.add(new OfficerDecision.Exclusion(entry.getKey(), reason));
      for (Grant grant : entry.getValue()) {
        grants.end(
            grant,
            GrantState.REVOKED,
            officer,
            "Revoked in access review: " + reason,
            Grants.Cause.REVIEW,
            review.id());
      }
    }
    grants.reviewed(
        reviewed.stream().filter(g -> kept.contains(item(g))).map(Grant::id).toList(),
        now,
        review.id());
    AccessReviewCompleted details =
        new AccessReviewCompleted(
            review.id(),
            byItem.size(),
            kept,
            revokedLines,
            unreviewedAt(review.startedAt()),
            comment == null || comment.isBlank() ? null : comment.strip(),
            escalated);
    LedgerEntry entry =
        ledger.append(
            LedgerEvent.builder(LedgerAction.ACCESS_REVIEW_COMPLETED, officer)
                .processInstance(processInstanceId)
                .details(details)
                .build());
    reviews.complete(review.id(), now, officer, kept.size(), revokedLines.size(), entry.seq());
    return details;
  }

  private List<String> unreviewedAt(Instant startedAt) {
    Instant cutoff = startedAt.minus(settings.reviewCycle().multipliedBy(2));
    return live().stream()
        .filter(
            g -> {
              Instant since = g.lastReviewedAt() != null ? g.lastReviewedAt() : g.approvedAt();
              return since != null && since.isBefore(cutoff);
            })
        .map(AccessReviews::item)
        .toList();
  }

  /** {@code app / payments: reason} → {@code app/payments: reason}, line by line. */
  private static Object normalise(Object revocations) {
    if (!(revocations instanceof String text)) {
      return revocations;
    }
    return text.lines()
        .map(line -> line.replaceFirst("^\\s*([^/:\\s]+)\\s*/\\s*", "$1/"))
        .collect(Collectors.joining("\n"));
  }

  /** The review was left open past {@code keyflow.access.review-escalation}. */
  @Transactional
  public void escalate(String processInstanceId, Instant waitingSince) {
    reviews.escalated(processInstanceId, clock.instant());
    log.warn(
        "Access review {} has waited for an officer since {} (longer than {}): escalated",
        processInstanceId,
        waitingSince,
        settings.reviewEscalation());
  }

  /** Recent reviews, newest first. */
  public List<ReviewRepository.Review> recent(int limit) {
    return reviews.recent(limit);
  }
}
