package io.keyflow.campaign;

import io.keyflow.campaign.internal.CampaignItem;
import io.keyflow.campaign.internal.CampaignRepository;
import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rotation and destruction campaigns and their progress (read-only; campaigns are requested by the
 * daily sweeps only). A campaign's id is its process instance id.
 */
@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

  private static final int NEWEST = 100;
  private static final Pattern ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /**
   * What {@code GET /api/campaigns/{id}} answers: the campaign, its counts and every key with its
   * state.
   */
  record CampaignDetail(Campaign campaign, List<CampaignItem> items) {}

  /** The newest campaigns, newest first. */
  record CampaignList(List<Campaign> campaigns) {}

  /** A campaign id that cannot be one: answered 400. */
  static final class MalformedCampaignId extends RuntimeException {
    MalformedCampaignId(String message) {
      super(message);
    }
  }

  /** No campaign has this id: answered 404. */
  static final class UnknownCampaign extends RuntimeException {
    UnknownCampaign(String message) {
      super(message);
    }
  }

  private final CampaignRepository campaigns;
  private final AccessGuard access;

  CampaignController(CampaignRepository campaigns, AccessGuard access) {
    this.campaigns = campaigns;
    this.access = access;
  }

  @GetMapping
  CampaignList newest() {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return new CampaignList(campaigns.newest(NEWEST));
  }

  @GetMapping("/{id}")
  CampaignDetail campaign(@PathVariable String id) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    if (!ID.matcher(id).matches()) {
      throw new MalformedCampaignId(
          "'"
              + abbreviate(id)
              + "' is not a campaign id: a campaign's id is its process"
              + " instance id, a UUID such as 3f2b8c1e-9d4a-11ee-8c90-0242ac120002 (GET /api/campaigns lists them)");
    }
    Campaign campaign =
        campaigns
            .find(id.toLowerCase(java.util.Locale.ROOT))
            .orElseThrow(
                () ->
                    new UnknownCampaign(
                        "No campaign with id "
                            + id
                            + "; GET /api/campaigns lists the newest "
                            + NEWEST));
    return new CampaignDetail(campaign, campaigns.itemsOf(campaign.id()));
  }

  @ExceptionHandler(MalformedCampaignId.class)
  ProblemDetail malformed(MalformedCampaignId e) {
    return problem(
        HttpStatus.BAD_REQUEST, "malformed-campaign-id", "Malformed campaign id", e.getMessage());
  }

  @ExceptionHandler(UnknownCampaign.class)
  ProblemDetail unknown(UnknownCampaign e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", "Unknown campaign", e.getMessage());
  }

  private static ProblemDetail problem(
      HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setType(URI.create("https://keyflow.io/problems/" + type));
    return problem;
  }

  private static String abbreviate(String value) {
    String printable =
        value.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f) ? value : "(unprintable)";
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "…";
  }
}
