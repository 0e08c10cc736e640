package io.keyflow.storage.camunda;

import static io.keyflow.storage.KeyStorageAttestationProcess.*;

import io.keyflow.storage.StorageAttestationService;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Writes KEY_STORAGE_ATTESTED (officer, findings digest, comment) to the ledger. */
@Component
class RecordAttestationDelegate implements JavaDelegate {

  private final StorageAttestationService attestation;

  RecordAttestationDelegate(StorageAttestationService attestation) {
    this.attestation = attestation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    attestation.attest(
        UUID.fromString((String) execution.getVariable(VAR_ATTESTATION_ID)),
        (String) execution.getVariable(VAR_ATTESTED_BY),
        (String) execution.getVariable(VAR_COMMENT),
        execution.getProcessInstanceId());
  }
}
