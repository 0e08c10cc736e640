package io.keyflow.destruction.camunda;

import static io.keyflow.destruction.KeyDestructionProcess.*;

import io.keyflow.destruction.DestructionRequest;
import io.keyflow.destruction.DestructionRequests;
import io.keyflow.engine.ProcessSupport;
import io.keyflow.key.KeyVersion;
import java.util.stream.Collectors;
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
    // Called by another process (a confirmed compromise), the caller names the requester; started
    // directly, the requester is whoever is authenticated, whatever a start variable says.
    boolean called = execution.getProcessInstance().getSuperExecution() != null;
    String requester =
        called && execution.getVariable(VAR_REQUESTED_BY) instanceof String caller
            ? caller
            : ProcessSupport.authenticatedUser(execution);
    execution.setVariable(VAR_REQUESTED_BY, requester);
    Object alias = execution.getVariable(VAR_ALIAS);
    String businessKey = alias instanceof String text ? text.strip() : null;
    DestructionRequest request =
        ProcessSupport.checkOrRefuse(
            execution,
            ERROR_CODE_REFUSED,
            () ->
                destruction.request(
                    alias,
                    execution.getVariable(VAR_VERSION),
                    execution.getVariable(VAR_REASON),
                    requester,
                    versionId ->
                        ProcessSupport.otherInstanceRunning(
                            execution,
                            PROCESS_KEY,
                            businessKey,
                            VAR_VERSION_ID,
                            versionId.toString()),
                    execution.getProcessInstanceId()));
    execution.setProcessBusinessKey(request.key().alias());
    execution.setVariable(VAR_ALIAS, request.key().alias());
    execution.setVariable(VAR_REASON, request.reason());
    execution.setVariable(VAR_KEY_ID, request.key().id().toString());
    if (request instanceof DestructionRequest.WholeKey whole) {
      execution.setVariable(VAR_DESTROY_ALL, true);
      execution.setVariable(
          VAR_VERSIONS_TO_DESTROY,
          whole.versions().stream().map(String::valueOf).collect(Collectors.joining(",")));
      return;
    }
    var one = (DestructionRequest.OneVersion) request;
    KeyVersion v = one.version();
    execution.setVariable(VAR_DESTROY_ALL, false);
    execution.setVariable(VAR_VERSION_ID, v.id().toString());
    execution.setVariable(VAR_VERSION_NUMBER, v.number());
    execution.setVariable(VAR_VERSION_STATE, v.state().name());
    execution.setVariable(
        VAR_DEACTIVATED_AT, v.deactivatedAt() == null ? null : v.deactivatedAt().toString());
    execution.setVariable(
        VAR_RETAIN_UNTIL, v.retainUntil() == null ? null : v.retainUntil().toString());
    execution.setVariable(VAR_KCV, v.kcv());
    execution.setVariable(VAR_HSM_LABEL, v.hsmLabel());
    execution.setVariable(VAR_REQUIRED_APPROVALS, one.requiredApprovals());
  }
}
