package io.keyflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;

/**
 * The four-eyes listener asks {@link ApprovalPhase#ofProcess} which phase the task it guards
 * belongs to, by the task's process key: every process that puts the listener on a task must have a
 * phase, or its approvals fail at run time, and a phase no process uses is dead.
 */
class ApprovalPhaseTest {

  private static final String FOUR_EYES = "${fourEyesListener}";

  @Test
  void everyProcessWhoseTasksTheFourEyesListenerGuardsHasAPhaseAndEveryPhaseSuchAProcess() {
    Set<String> guarded = processesGuardedByTheFourEyesListener();
    assertThat(guarded).isNotEmpty();

    Set<ApprovalPhase> phases = EnumSet.noneOf(ApprovalPhase.class);
    for (String processKey : guarded) {
      phases.add(ApprovalPhase.ofProcess(processKey));
    }

    assertThat(phases).containsExactlyInAnyOrder(ApprovalPhase.values());
  }

  @Test
  void aProcessWithoutAnOfficerApprovalIsRefusedANamedPhase() {
    File[] all = new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"));
    Set<String> unguarded = new TreeSet<>();
    for (File file : all) {
      unguarded.add(file.getName().replace(".bpmn", ""));
    }
    unguarded.removeAll(processesGuardedByTheFourEyesListener());
    assertThat(unguarded).contains("KeyStorageAttestation", "CustodianAcknowledgement");

    for (String processKey : unguarded) {
      assertThatThrownBy(() -> ApprovalPhase.ofProcess(processKey))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Process " + processKey + " has no officer approval");
    }
  }

  private static Set<String> processesGuardedByTheFourEyesListener() {
    File[] files = new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"));
    Set<String> guarded = new TreeSet<>();
    for (File file : files) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file);
      boolean fourEyes =
          model.getModelElementsByType(CamundaTaskListener.class).stream()
              .anyMatch(listener -> FOUR_EYES.equals(listener.getCamundaDelegateExpression()));
      if (fourEyes) {
        model.getModelElementsByType(Process.class).forEach(p -> guarded.add(p.getId()));
      }
    }
    return guarded;
  }
}
