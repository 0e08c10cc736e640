package io.keyflow.access;

import io.keyflow.access.internal.ReviewRepository;
import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Access reviews: an officer starts one on demand (besides the periodic one); officers and auditors
 * read past reviews and the grants not reviewed within two cycles.
 */
@RestController
@RequestMapping("/api/access")
class AccessReviewController {

  record Started(String processInstanceId) {}

  record Unreviewed(
      String item,
      String system,
      String key,
      String keyGroup,
      Instant approvedAt,
      Instant lastReviewedAt) {}

  private final AccessReviews reviews;
  private final AccessProcesses processes;
  private final AccessGuard access;

  AccessReviewController(AccessReviews reviews, AccessProcesses processes, AccessGuard access) {
    this.reviews = reviews;
    this.processes = processes;
    this.access = access;
  }

  @PostMapping("/reviews")
  @ResponseStatus(HttpStatus.CREATED)
  Started start() {
    access.require(Role.SECURITY_OFFICER);
    return new Started(processes.startReview().processInstanceId());
  }

  @GetMapping("/reviews")
  List<ReviewRepository.Review> recent(
      @RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit) {
    access.require(Role.SECURITY_OFFICER, Role.AUDITOR);
    return reviews.recent(limit);
  }

  /** Live grants not reviewed within two review cycles: the review's exceptions. */
  @GetMapping("/review-exceptions")
  List<Unreviewed> exceptions() {
    access.require(Role.SECURITY_OFFICER, Role.AUDITOR);
    return reviews.unreviewed().stream()
        .map(
            g ->
                new Unreviewed(
                    AccessReviews.item(g),
                    g.system(),
                    g.keyAlias(),
                    g.keyGroup(),
                    g.approvedAt(),
                    g.lastReviewedAt()))
        .toList();
  }
}
