package io.keyflow.generation.camunda;

import io.keyflow.generation.KeyGenerationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records the generated version in the inventory: ACTIVE, primary, provenance and KCV from the
 * vault. What it records comes from the request's ledger entry, not from variables.
 */
@Component
class RecordKeyVersionDelegate implements JavaDelegate {

  private final KeyGenerationService generation;

  RecordKeyVersionDelegate(KeyGenerationService generation) {
    this.generation = generation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    generation.recordGenerated(execution.getProcessInstanceId());
  }
}
