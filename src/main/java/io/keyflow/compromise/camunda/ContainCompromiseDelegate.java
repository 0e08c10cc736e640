package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyCompromiseProcess.*;

import io.keyflow.compromise.CompromiseReport;
import io.keyflow.compromise.CompromiseRequests;
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
    String reporter = ProcessSupport.authenticatedUser(execution);
    execution.setVariable(VAR_REQUESTED_BY, reporter);
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
                    reporter,
                    execution.getProcessInstanceId()));
    execution.setProcessBusinessKey(report.key().alias());
    execution.setVariable(VAR_ALIAS, report.key().alias());
    execution.setVariable(VAR_KEY_ID, report.key().id().toString());
    execution.setVariable(VAR_CONTAINED_VERSIONS, report.containedNumbers());
    execution.setVariable(
        VAR_ALREADY_COMPROMISED,
        report.alreadyCompromised().isEmpty()
            ? "none"
            : String.join(",", report.alreadyCompromised().stream().map(String::valueOf).toList()));
    execution.setVariable(VAR_EMERGENCY_ROTATION, report.needsEmergencyRotation());
    execution.setVariable(VAR_COMPROMISED_AT, report.compromisedAt().toString());
    execution.setVariable(VAR_PACKAGES_WITHDRAWN, report.packagesWithdrawn().size());
    execution.setVariable(
        VAR_RECIPIENTS_HOLDING,
        report.recipientsHolding().isEmpty()
            ? "none recorded"
            : String.join(", ", report.recipientsHolding()));
  }
}
