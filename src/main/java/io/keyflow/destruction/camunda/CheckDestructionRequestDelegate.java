package io.keyflow.destruction.camunda;

import static io.keyflow.destruction.KeyDestructionProcess.*;

import io.keyflow.approval.Requester;
import io.keyflow.destruction.DestructionRequest;
import io.keyflow.destruction.DestructionRequests;
import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.engine.ProcessSupport;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks a destruction request before any officer sees it; a refusal ends the process on
 * "Destruction refused" with {@code refusalReason}. The requester is whoever is authenticated when
 * the process starts, or, when a key compromise calls it, the compromise's reporter. The alias
 * becomes the business key.
 */
@Component
class CheckDestructionRequestDelegate implements JavaDelegate {

  private final DestructionRequests destruction;

  CheckDestructionRequestDelegate(DestructionRequests destruction) {
    this.destruction = destruction;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Requester requester = requester(execution);
    execution.setVariable(VAR_REQUESTED_BY, requester.user());
    DestructionRequest request =
        ProcessSupport.checkOrRefuse(
            execution,
            ERROR_CODE_REFUSED,
            () ->
                destruction.request(
                    execution.getVariable(VAR_ALIAS),
                    execution.getVariable(VAR_VERSION),
                    execution.getVariable(VAR_REASON),
                    requester,
                    ProcessSupport.otherInstances(execution, PROCESS_KEY)));
    execution.setProcessBusinessKey(request.key().alias());
    execution.setVariables(KeyDestructionProcess.shown(request));
  }

  /**
   * Called by another process (a confirmed compromise), the caller names the requester; started
   * directly, the requester is whoever is authenticated, whatever a start variable says.
   */
  private static Requester requester(DelegateExecution execution) {
    boolean called = execution.getProcessInstance().getSuperExecution() != null;
    return called && execution.getVariable(VAR_REQUESTED_BY) instanceof String caller
        ? new Requester(caller, execution.getProcessInstanceId())
        : ProcessSupport.requester(execution);
  }
}
