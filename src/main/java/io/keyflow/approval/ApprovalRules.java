package io.keyflow.approval;

import io.keyflow.approval.ApprovalRefusal.Kind;
import io.keyflow.security.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The four-eyes rules of every approval: only a security officer decides; the requester never
 * approves their own request; where several approvals are required, each comes from a different
 * officer; a rejection says why.
 */
public final class ApprovalRules {

  static final int MAX_COMMENT = 2000;

  private ApprovalRules() {}

  /**
   * Checks a decision and returns it with the updated approver list.
   *
   * @param officer the authenticated user completing the task, or null when there is none
   * @param priorApprovers the officers who approved this request so far
   */
  public static Decision decide(
      String officer,
      List<String> officerGroups,
      String requestedBy,
      List<String> priorApprovers,
      Object approved,
      Object comment) {
    if (officer == null || officer.isBlank()) {
      throw new ApprovalRefusal(
          Kind.FORBIDDEN, "An approval must be completed by an authenticated security officer");
    }
    if (officerGroups == null || !officerGroups.contains(Role.SECURITY_OFFICER.groupId())) {
      throw new ApprovalRefusal(
          Kind.FORBIDDEN, officer + " is not a security officer and cannot decide on this request");
    }
    if (officer.equals(requestedBy)) {
      throw new ApprovalRefusal(
          Kind.FORBIDDEN,
          "Four-eyes rule: " + officer + " requested this and cannot also approve or reject it");
    }
    List<String> approvers = new ArrayList<>(priorApprovers);
    if (approvers.contains(officer)) {
      throw new ApprovalRefusal(
          Kind.FORBIDDEN,
          "Dual control: "
              + officer
              + " has already approved this request; a different officer must decide");
    }
    if (!(approved instanceof Boolean decision)) {
      throw new ApprovalRefusal(
          Kind.INVALID, "The decision 'approved' (true or false) is required");
    }
    String text = comment == null ? "" : comment.toString().strip();
    if (!(comment == null || comment instanceof String)) {
      throw new ApprovalRefusal(Kind.INVALID, "The comment must be text");
    }
    if (!decision && text.isEmpty()) {
      throw new ApprovalRefusal(Kind.INVALID, "A rejection needs a comment saying why");
    }
    if (text.length() > MAX_COMMENT) {
      throw new ApprovalRefusal(
          Kind.INVALID, "The comment is longer than " + MAX_COMMENT + " characters");
    }
    if (decision) {
      approvers.add(officer);
    }
    return new Decision(officer, decision, text, List.copyOf(approvers));
  }
}
