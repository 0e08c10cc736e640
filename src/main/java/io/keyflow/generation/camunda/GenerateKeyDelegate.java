package io.keyflow.generation.camunda;

import static io.keyflow.generation.KeyGenerationProcess.*;

import io.keyflow.generation.KeyGenerationService;
import io.keyflow.hsm.VaultKey;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Generates the approved key in the vault. Runs as an asynchronous job with retries: a vault that
 * is down makes the job retry and finally raise an incident; a retry finds the object a previous
 * attempt made (the version id is the object id), so there is never a second key.
 */
@Component
class GenerateKeyDelegate implements JavaDelegate {

  private final KeyGenerationService generation;

  GenerateKeyDelegate(KeyGenerationService generation) {
    this.generation = generation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    VaultKey key = generation.generateInVault(execution.getProcessInstanceId());
    execution.setVariable(VAR_KCV, key.kcv());
  }
}
