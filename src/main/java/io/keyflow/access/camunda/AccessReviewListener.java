package io.keyflow.access.camunda;

import static io.keyflow.access.AccessReviewProcess.*;

import io.keyflow.access.AccessReviews;
import io.keyflow.approval.ApprovalRefusal;
import io.keyflow.security.Role;
import io.keyflow.shared.Text;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The officer's review: on {@code create} clears earlier input; on {@code complete} checks that an
 * officer completes it and records it — the revoked lines end at once, the rest are kept ({@code
 * ACCESS_REVIEW_COMPLETED}). A bad line refuses the completion: the task stays open and nothing is
 * recorded.
 */
@Component("accessReviewListener")
class AccessReviewListener implements TaskListener {

  private final AccessReviews reviews;

  AccessReviewListener(AccessReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable(VAR_REVOCATIONS);
      task.getExecution().removeVariable(VAR_COMMENT);
      return;
    }
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      return;
    }
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    Authentication authentication = identity.getCurrentAuthentication();
    String officer = authentication == null ? null : authentication.getUserId();
    if (officer == null
        || !groups(identity, authentication).contains(Role.SECURITY_OFFICER.groupId())) {
      throw new ApprovalRefusal(
          ApprovalRefusal.Kind.FORBIDDEN, "An access review is completed by a security officer");
    }
    Object comment = task.getVariable(VAR_COMMENT);
    var completed =
        reviews.complete(
            task.getProcessInstanceId(),
            officer,
            task.getVariable(VAR_REVOCATIONS),
            comment instanceof String text ? text : null,
            Boolean.TRUE.equals(task.getVariable(VAR_ESCALATED)));
    task.setVariable(
        VAR_REVOCATIONS,
        Text.fitVariable(
            completed.revoked().isEmpty()
                ? ""
                : "Revoked: "
                    + String.join(", ", completed.revoked().stream().map(r -> r.item()).toList()),
            "…"));
  }

  private static List<String> groups(IdentityService identity, Authentication authentication) {
    if (authentication.getGroupIds() != null && !authentication.getGroupIds().isEmpty()) {
      return authentication.getGroupIds();
    }
    return identity.createGroupQuery().groupMember(authentication.getUserId()).list().stream()
        .map(Group::getId)
        .toList();
  }
}
