package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyCompromiseProcess.*;

import io.keyflow.approval.Requester;
import io.keyflow.compromise.CompromiseReport;
import io.keyflow.compromise.CompromiseRequests;
import io.keyflow.compromise.KeyCompromiseProcess;
import io.keyflow.engine.ProcessSupport;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks and contains a compromise report in the transaction that starts the process (the step is
 * deliberately not asynchronous): when the start call returns, the versions are COMPROMISED. A
 * refusal ends the process on "Report refused" with {@code refusalReason} and contains nothing. The
 * reporter is whoever is authenticated at the start; the alias becomes the business key.
 */
@Component
class ContainCompromiseDelegate implements JavaDelegate {

  private final CompromiseRequests compromise;

  ContainCompromiseDelegate(CompromiseRequests compromise) {
    this.compromise = compromise;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Requester reporter = ProcessSupport.requester(execution);
    execution.setVariable(VAR_REQUESTED_BY, reporter.user());
    CompromiseReport report =
        ProcessSupport.checkOrRefuse(
            execution,
            ERROR_CODE_REFUSED,
            () ->
                compromise.report(
                    execution.getVariable(VAR_ALIAS),
                    execution.getVariable(VAR_VERSIONS),
                    execution.getVariable(VAR_REASON),
                    execution.getVariable(VAR_EVIDENCE),
                    reporter));
    execution.setProcessBusinessKey(report.key().alias());
    execution.setVariables(KeyCompromiseProcess.shown(report));
  }
}
