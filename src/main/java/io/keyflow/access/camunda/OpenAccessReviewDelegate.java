package io.keyflow.access.camunda;

import static io.keyflow.access.AccessReviewProcess.*;

import io.keyflow.access.AccessReviews;
import io.keyflow.engine.ProcessSupport;
import io.keyflow.shared.Text;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Lists every live grant (and the exceptions) for the officer's review task. */
@Component
class OpenAccessReviewDelegate implements JavaDelegate {

  private static final String MORE = "… (the full list: GET /api/access/grants?state=ACTIVE)";

  private final AccessReviews reviews;

  OpenAccessReviewDelegate(AccessReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String startedBy = ProcessSupport.authenticatedUser(execution);
    AccessReviews.Opened opened =
        reviews.open(
            execution.getProcessInstanceId(),
            startedBy == null ? "system:access-review" : startedBy);
    execution.setVariable(VAR_REVIEW_ID, opened.reviewId());
    execution.setVariable(VAR_GRANT_COUNT, opened.grantCount());
    execution.setVariable(VAR_GRANTS, Text.fitVariable(opened.grants(), MORE));
    execution.setVariable(VAR_EXCEPTIONS, Text.fitVariable(opened.exceptions(), MORE));
  }
}
