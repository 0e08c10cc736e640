package io.keyflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.distribution.KeyDistributionProcess;
import io.keyflow.generation.KeyGenerationProcess;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.rotation.KeyRotationProcess;
import io.keyflow.storage.KeyStorageAttestationProcess;
import org.junit.jupiter.api.Test;

class ApprovalPhaseTest {

  @Test
  void everyProcessWithAnApprovalTaskHasItsPhaseAndItsLedgerActions() {
    assertThat(ApprovalPhase.ofProcess(KeyGenerationProcess.PROCESS_KEY))
        .isEqualTo(ApprovalPhase.GENERATION);
    assertThat(ApprovalPhase.ofProcess(KeyDistributionProcess.PROCESS_KEY))
        .isEqualTo(ApprovalPhase.DISTRIBUTION);
    assertThat(ApprovalPhase.ofProcess(KeyRotationProcess.PROCESS_KEY))
        .isEqualTo(ApprovalPhase.ROTATION);
    assertThat(ApprovalPhase.ofProcess(KeyDestructionProcess.PROCESS_KEY))
        .isEqualTo(ApprovalPhase.DESTRUCTION);
    assertThat(ApprovalPhase.DISTRIBUTION.requested())
        .isEqualTo(LedgerAction.KEY_DISTRIBUTION_REQUESTED);
    assertThat(ApprovalPhase.DISTRIBUTION.decision(true))
        .isEqualTo(LedgerAction.KEY_DISTRIBUTION_APPROVED);
    assertThat(ApprovalPhase.DISTRIBUTION.decision(false))
        .isEqualTo(LedgerAction.KEY_DISTRIBUTION_REJECTED);
    assertThat(ApprovalPhase.ofProcess("KeyCompromise")).isEqualTo(ApprovalPhase.COMPROMISE);
    assertThat(ApprovalPhase.COMPROMISE.requested())
        .isEqualTo(LedgerAction.KEY_COMPROMISE_REPORTED);
    assertThat(ApprovalPhase.COMPROMISE.decision(true))
        .isEqualTo(LedgerAction.KEY_COMPROMISE_CONFIRMED);
    assertThat(ApprovalPhase.COMPROMISE.decision(false))
        .isEqualTo(LedgerAction.KEY_COMPROMISE_DISMISSED);
    for (ApprovalPhase phase : ApprovalPhase.values()) {
      if (phase == ApprovalPhase.COMPROMISE) {
        continue; // a report, not a request: its names say so
      }
      String noun = phase.requested().name().replace("_REQUESTED", "");
      assertThat(phase.approved().name()).isEqualTo(noun + "_APPROVED");
      assertThat(phase.decision(false).name()).isEqualTo(noun + "_REJECTED");
    }
  }

  @Test
  void requestAndApprovalEntriesAreRecognisedByPhaseNotBySuffix() {
    assertThat(ApprovalPhase.isRequest(LedgerAction.KEY_COMPROMISE_REPORTED)).isTrue();
    assertThat(ApprovalPhase.isApproval(LedgerAction.KEY_COMPROMISE_CONFIRMED)).isTrue();
    assertThat(ApprovalPhase.isRequest(LedgerAction.KEY_COMPROMISED)).isFalse();
    assertThat(ApprovalPhase.isApproval(LedgerAction.KEY_COMPROMISE_DISMISSED)).isFalse();
    assertThat(ApprovalPhase.isApproval(LedgerAction.KEY_ROTATION_APPROVED)).isTrue();
    assertThat(ApprovalPhase.isRequest(null)).as("an unknown action").isFalse();
  }

  @Test
  void aProcessWithoutAnOfficerApprovalHasNoPhase() {
    assertThatThrownBy(() -> ApprovalPhase.ofProcess(KeyStorageAttestationProcess.PROCESS_KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KeyStorageAttestation");
  }
}
