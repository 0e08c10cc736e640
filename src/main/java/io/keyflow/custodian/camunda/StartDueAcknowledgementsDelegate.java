package io.keyflow.custodian.camunda;

import static io.keyflow.custodian.CustodianAcknowledgementProcess.*;

import io.keyflow.custodian.CustodianSettings;
import io.keyflow.custodian.CustodianSweepProcess;
import io.keyflow.custodian.Custodians;
import io.keyflow.engine.ProcessSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The custodian sweep's step: records membership changes and starts one acknowledgement, assigned
 * to the custodian, for each custodian who is due and has none open.
 */
@Component
class StartDueAcknowledgementsDelegate implements JavaDelegate {

  private final Custodians custodians;
  private final CustodianSettings settings;

  StartDueAcknowledgementsDelegate(Custodians custodians, CustodianSettings settings) {
    this.custodians = custodians;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    List<String> started = new ArrayList<>();
    ProcessSupport.asSystemPrincipal(
        execution,
        CustodianSweepProcess.SWEEP_PRINCIPAL,
        () -> {
          for (Custodians.Due due : custodians.sweep(CustodianSweepProcess.SWEEP_PRINCIPAL)) {
            boolean open =
                runtime
                        .createProcessInstanceQuery()
                        .processDefinitionKey(PROCESS_KEY)
                        .processInstanceBusinessKey(due.custodian())
                        .count()
                    > 0;
            if (!open) {
              runtime.startProcessInstanceByKey(
                  PROCESS_KEY,
                  due.custodian(),
                  Map.of(
                      VAR_CUSTODIAN, due.custodian(),
                      VAR_GROUPS, String.join(", ", due.groups()),
                      VAR_RESPONSIBILITIES, settings.responsibilities(),
                      VAR_RESPONSIBILITIES_SHA256, custodians.responsibilitiesSha256()));
              started.add(due.custodian());
            }
          }
        });
    execution.setVariable(
        CustodianSweepProcess.VAR_ACKNOWLEDGEMENTS_STARTED, String.join(",", started));
  }
}
