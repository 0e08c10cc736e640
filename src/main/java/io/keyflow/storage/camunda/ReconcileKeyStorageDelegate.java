package io.keyflow.storage.camunda;

import static io.keyflow.storage.KeyStorageAttestationProcess.*;

import io.keyflow.security.RoleReview;
import io.keyflow.storage.AttestationReport;
import io.keyflow.storage.StorageAttestationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reconciles the vault with the inventory and reviews the role holders. Runs as an asynchronous job
 * with retries (an unreachable vault becomes an incident); its results become the officer's
 * read-only findings.
 */
@Component
class ReconcileKeyStorageDelegate implements JavaDelegate {

  private final StorageAttestationService attestation;
  private final RoleReview roles;

  ReconcileKeyStorageDelegate(StorageAttestationService attestation, RoleReview roles) {
    this.attestation = attestation;
    this.roles = roles;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String requestedBy = (String) execution.getVariable(VAR_REQUESTED_BY);
    AttestationReport report =
        attestation.reconcile(
            execution.getProcessInstanceId(),
            requestedBy == null ? SCHEDULE_PRINCIPAL : requestedBy,
            roles.review());
    execution.setVariable(VAR_ATTESTATION_ID, report.attestationId().toString());
    execution.setVariable(VAR_FINDINGS, report.findingsText());
    execution.setVariable(VAR_FINDINGS_DIGEST, report.findingsSha256());
    execution.setVariable(VAR_FINDING_COUNT, report.findingCount());
    execution.setVariable(VAR_DRIFT_COUNT, report.driftCount());
    execution.setVariable(VAR_DRIFT_DETECTED, report.driftDetected());
    execution.setVariable(VAR_ROLE_HOLDERS, report.roleHoldersText());
  }
}
