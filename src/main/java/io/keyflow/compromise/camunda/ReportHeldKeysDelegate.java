package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyCompromiseProcess.*;

import io.keyflow.approval.Requester;
import io.keyflow.compromise.RecipientReports;
import io.keyflow.engine.ProcessSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * A recipient was reported: starts one KeyCompromise per key it holds, for the versions it holds,
 * on behalf of the same reporter (still authenticated in this command) and in this transaction, so
 * every key is contained before the start call returns and confirmed on its own.
 */
@Component
class ReportHeldKeysDelegate implements JavaDelegate {

  private final RecipientReports reports;

  ReportHeldKeysDelegate(RecipientReports reports) {
    this.reports = reports;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Requester reporter = ProcessSupport.requester(execution);
    execution.setVariable(VAR_REQUESTED_BY, reporter.user());
    Object recipient = execution.getVariable(VAR_RECIPIENT);
    Map<String, String> versions =
        ProcessSupport.checkOrRefuse(
            execution,
            ERROR_CODE_REFUSED,
            () -> reports.versionsHeldBy(recipient, execution.getVariable(VAR_REASON), reporter));
    List<String> started = new ArrayList<>();
    for (Map.Entry<String, String> key : versions.entrySet()) {
      Map<String, Object> variables = new HashMap<>();
      variables.put(VAR_ALIAS, key.getKey());
      variables.put(VAR_VERSIONS, key.getValue());
      variables.put(
          VAR_REASON,
          "Recipient '"
              + recipient
              + "' reported compromised: "
              + execution.getVariable(VAR_REASON));
      variables.put(VAR_EVIDENCE, execution.getVariable(VAR_EVIDENCE));
      ProcessInstance report =
          execution
              .getProcessEngineServices()
              .getRuntimeService()
              .startProcessInstanceByKey(PROCESS_KEY, key.getKey(), variables);
      if (!report.isEnded()) {
        started.add(key.getKey() + ":" + key.getValue());
      }
    }
    execution.setVariable(VAR_REPORTS_STARTED, String.join("; ", started));
  }
}
