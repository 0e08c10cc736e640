package io.keyflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.ledger.LedgerAction;
import io.keyflow.lifecycle.destruction.KeyDestructionProcess;
import io.keyflow.lifecycle.distribution.KeyDistributionProcess;
import io.keyflow.lifecycle.generation.KeyGenerationProcess;
import io.keyflow.lifecycle.rotation.KeyRotationProcess;
import io.keyflow.lifecycle.storage.KeyStorageAttestationProcess;
import org.junit.jupiter.api.Test;

class ApprovalPhaseTest {

  @Test
  void everyProcessWithAnApprovalTaskHasItsPhaseAndItsLedgerActions() {
    assertThat(ApprovalPhase.ofProcess(KeyGenerationProcess.PROCESS_KEY)).isEqualTo(ApprovalPhase.GENERATION);
    assertThat(ApprovalPhase.ofProcess(KeyDistributionProcess.PROCESS_KEY)).isEqualTo(ApprovalPhase.DISTRIBUTION);
    assertThat(ApprovalPhase.ofProcess(KeyRotationProcess.PROCESS_KEY)).isEqualTo(ApprovalPhase.ROTATION);
    assertThat(ApprovalPhase.ofProcess(KeyDestructionProcess.PROCESS_KEY)).isEqualTo(ApprovalPhase.DESTRUCTION);
    assertThat(ApprovalPhase.DISTRIBUTION.requested()).isEqualTo(LedgerAction.KEY_DISTRIBUTION_REQUESTED);
    assertThat(ApprovalPhase.DISTRIBUTION.decision(true)).isEqualTo(LedgerAction.KEY_DISTRIBUTION_APPROVED);
    assertThat(ApprovalPhase.DISTRIBUTION.decision(false)).isEqualTo(LedgerAction.KEY_DISTRIBUTION_REJECTED);
    for (ApprovalPhase phase : ApprovalPhase.values()) {
      String noun = phase.requested().name().replace("_REQUESTED", "");
      assertThat(phase.approved().name()).isEqualTo(noun + "_APPROVED");
      assertThat(phase.decision(false).name()).isEqualTo(noun + "_REJECTED");
    }
  }

  @Test
  void aProcessWithoutAnOfficerApprovalHasNoPhase() {
    assertThatThrownBy(() -> ApprovalPhase.ofProcess(KeyStorageAttestationProcess.PROCESS_KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KeyStorageAttestation");
  }
}
