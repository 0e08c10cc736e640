package io.keyflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.access.AccessReviewProcess;
import io.keyflow.access.AccessReviewScheduleProcess;
import io.keyflow.access.KeyAccessGrantProcess;
import io.keyflow.campaign.CampaignKeyRotationProcess;
import io.keyflow.campaign.CampaignVersionDestructionProcess;
import io.keyflow.campaign.DestructionCampaignProcess;
import io.keyflow.campaign.DestructionSweepProcess;
import io.keyflow.campaign.RotationCampaignProcess;
import io.keyflow.campaign.RotationSweepProcess;
import io.keyflow.checkpoint.LedgerCheckpointScheduleProcess;
import io.keyflow.compromise.KeyCompromiseProcess;
import io.keyflow.compromise.KeyDecryptExceptionProcess;
import io.keyflow.custodian.CustodianAcknowledgementProcess;
import io.keyflow.custodian.CustodianSweepProcess;
import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.distribution.KeyDistributionProcess;
import io.keyflow.generation.KeyGenerationProcess;
import io.keyflow.rotation.KeyRotationProcess;
import io.keyflow.storage.KeyStorageAttestationProcess;
import io.keyflow.storage.StorageAttestationScheduleProcess;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every BPMN file against its constants class and the modelling conventions: ids exist, every
 * element is drawn, history is kept, approvals enforce four-eyes with a deployed form, and HSM
 * steps are retrying save points.
 */
class ProcessModelTest {

  public static Stream<Arguments> processes() {
    return Stream.of(
        Arguments.of(KeyGenerationProcess.class, KeyGenerationProcess.PROCESS_KEY),
        Arguments.of(KeyRotationProcess.class, KeyRotationProcess.PROCESS_KEY),
        Arguments.of(RotationSweepProcess.class, RotationSweepProcess.PROCESS_KEY),
        Arguments.of(KeyDestructionProcess.class, KeyDestructionProcess.PROCESS_KEY),
        Arguments.of(DestructionSweepProcess.class, DestructionSweepProcess.PROCESS_KEY),
        Arguments.of(KeyDistributionProcess.class, KeyDistributionProcess.PROCESS_KEY),
        Arguments.of(KeyCompromiseProcess.class, KeyCompromiseProcess.PROCESS_KEY),
        Arguments.of(KeyDecryptExceptionProcess.class, KeyDecryptExceptionProcess.PROCESS_KEY),
        Arguments.of(KeyStorageAttestationProcess.class, KeyStorageAttestationProcess.PROCESS_KEY),
        Arguments.of(
            StorageAttestationScheduleProcess.class, StorageAttestationScheduleProcess.PROCESS_KEY),
        Arguments.of(
            LedgerCheckpointScheduleProcess.class, LedgerCheckpointScheduleProcess.PROCESS_KEY),
        Arguments.of(
            CustodianAcknowledgementProcess.class, CustodianAcknowledgementProcess.PROCESS_KEY),
        Arguments.of(CustodianSweepProcess.class, CustodianSweepProcess.PROCESS_KEY),
        Arguments.of(RotationCampaignProcess.class, RotationCampaignProcess.PROCESS_KEY),
        Arguments.of(CampaignKeyRotationProcess.class, CampaignKeyRotationProcess.PROCESS_KEY),
        Arguments.of(DestructionCampaignProcess.class, DestructionCampaignProcess.PROCESS_KEY),
        Arguments.of(
            CampaignVersionDestructionProcess.class, CampaignVersionDestructionProcess.PROCESS_KEY),
        Arguments.of(KeyAccessGrantProcess.class, KeyAccessGrantProcess.PROCESS_KEY),
        Arguments.of(AccessReviewProcess.class, AccessReviewProcess.PROCESS_KEY),
        Arguments.of(AccessReviewScheduleProcess.class, AccessReviewScheduleProcess.PROCESS_KEY));
  }

  private static BpmnModelInstance model(String processKey) {
    return Bpmn.readModelFromFile(Path.of("processes", processKey + ".bpmn").toFile());
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("processes")
  void everyElementIdInTheConstantsExistsInTheModel(Class<?> constants, String processKey)
      throws Exception {
    BpmnModelInstance model = model(processKey);
    assertThat((Object) model.getModelElementById(processKey)).isInstanceOf(Process.class);
    List<String> missing = new ArrayList<>();
    for (Field field : constants.getFields()) {
      String name = field.getName();
      boolean elementId =
          Modifier.isStatic(field.getModifiers())
              && field.getType() == String.class
              && Stream.of("TASK_", "END_", "START_", "GATEWAY_", "BOUNDARY_", "ERROR_")
                  .anyMatch(name::startsWith)
              && !name.startsWith("ERROR_CODE_");
      if (elementId && (Object) model.getModelElementById((String) field.get(null)) == null) {
        missing.add(name + "=" + field.get(null));
      }
    }
    assertThat(missing).as("constants without a BPMN element").isEmpty();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("processes")
  void everyFlowNodeAndSequenceFlowIsDrawn(Class<?> constants, String processKey) {
    BpmnModelInstance model = model(processKey);
    List<String> drawn =
        model.getModelElementsByType(BpmnShape.class).stream()
            .map(s -> s.getBpmnElement().getId())
            .toList();
    List<String> edges =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .map(e -> e.getBpmnElement().getId())
            .toList();
    assertThat(model.getModelElementsByType(FlowNode.class))
        .extracting(BaseElement::getId)
        .allMatch(drawn::contains);
    assertThat(model.getModelElementsByType(SequenceFlow.class))
        .extracting(BaseElement::getId)
        .allMatch(edges::contains);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("processes")
  void historyIsKeptLongerThanAnyRetention(Class<?> constants, String processKey) {
    Process process = model(processKey).getModelElementById(processKey);
    assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("3650");
    assertThat(process.isExecutable()).isTrue();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("processes")
  void everyApprovalEnforcesFourEyesWithADeployedForm(Class<?> constants, String processKey)
      throws Exception {
    for (UserTask task : model(processKey).getModelElementsByType(UserTask.class)) {
      if ("${custodian}".equals(task.getCamundaAssignee())) {
        // Not an approval: the custodian acknowledges their own responsibilities, checked by its
        // listener.
        assertThat(listenerEvents(task, "${custodianAcknowledgementListener}"))
            .as(task.getId())
            .contains("create", "complete");
        assertFormDeployed(task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding());
        continue;
      }
      if ("${keyOwner}".equals(task.getCamundaAssignee())) {
        // Not an approval: the key's owner acknowledges a confirmed compromise, checked by its
        // listener.
        assertThat(listenerEvents(task, "${compromiseOwnerAcknowledgementListener}"))
            .as(task.getId())
            .contains("create", "complete");
        assertFormDeployed(task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding());
        continue;
      }
      assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isEqualTo("security-officer");
      List<String> events =
          task
              .getExtensionElements()
              .getElementsQuery()
              .filterByType(CamundaTaskListener.class)
              .list()
              .stream()
              // Requests are approved under the four-eyes rules; storage findings are attested and
              // access reviewed by an officer.
              .filter(
                  l ->
                      java.util.Set.of(
                              "${fourEyesListener}",
                              "${attestationListener}",
                              "${accessReviewListener}")
                          .contains(l.getCamundaDelegateExpression()))
              .map(CamundaTaskListener::getCamundaEvent)
              .toList();
      assertThat(events).as(task.getId()).contains("create", "complete");
      assertFormDeployed(task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding());
    }
    for (StartEvent start : model(processKey).getModelElementsByType(StartEvent.class)) {
      if (start.getCamundaFormRef() != null) {
        assertFormDeployed(
            start.getId(), start.getCamundaFormRef(), start.getCamundaFormRefBinding());
      }
    }
  }

  /**
   * A task whose delegate reaches the key vault (found by {@link VaultSteps}, not by its name) runs
   * in a job that retries with the vault's cycle: it is such a save point itself, or it follows one
   * in the same job (recording or verifying what the step before did, so a failure repeats both),
   * or it is the request check in the starter's own transaction (a failure goes back to the caller
   * and stores nothing).
   */
  @ParameterizedTest(name = "{1}")
  @MethodSource("processes")
  void everyHsmStepIsARetryingSavePoint(Class<?> constants, String processKey) {
    for (ServiceTask task : model(processKey).getModelElementsByType(ServiceTask.class)) {
      if (VaultSteps.operatesTheVault(task.getCamundaDelegateExpression())) {
        assertThat(retriedWithTheVaultCycle(task)).as(task.getId()).isTrue();
      }
    }
  }

  @Test
  void vaultStepsAreFoundByTheirDelegateWhateverTheirName() {
    assertThat(vaultSteps("KeyGeneration"))
        .containsExactlyInAnyOrder("Task_GenerateKey", "Task_RecordKeyVersion");
    assertThat(vaultSteps("KeyDestruction"))
        .contains("Task_DestroyKeyVersion", "Task_VerifyDestruction")
        .doesNotContain("Task_StartVersionDestructions");
    assertThat(vaultSteps("KeyDistribution")).contains("Task_WrapKeyForRecipient");
  }

  /**
   * The expression language reads properties only of public classes: a package-private bean fails
   * at deployment.
   */
  @ParameterizedTest(name = "{1}")
  @MethodSource("processes")
  void everyBeanAnExpressionReadsIsPublic(Class<?> constants, String processKey) throws Exception {
    var references =
        java.util.regex.Pattern.compile("\\$\\{(\\w+)\\.")
            .matcher(Files.readString(Path.of("processes", processKey + ".bpmn")));
    while (references.find()) {
      String bean = references.group(1);
      VaultSteps.bean(bean)
          .ifPresent(
              type ->
                  assertThat(type.getModifiers())
                      .as(bean + " (" + type.getName() + ")")
                      .contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC));
    }
  }

  private static List<String> vaultSteps(String processKey) {
    return model(processKey).getModelElementsByType(ServiceTask.class).stream()
        .filter(task -> VaultSteps.operatesTheVault(task.getCamundaDelegateExpression()))
        .map(ServiceTask::getId)
        .toList();
  }

  private static boolean retriedWithTheVaultCycle(FlowNode node) {
    if (node.isCamundaAsyncBefore()) {
      return node instanceof ServiceTask task && vaultCycle(task);
    }
    if (node.getIncoming().size() != 1) {
      return false;
    }
    FlowNode previous = node.getIncoming().iterator().next().getSource();
    if (previous.isCamundaAsyncAfter()) {
      return false;
    }
    if (previous instanceof StartEvent) {
      return true;
    }
    return previous instanceof ServiceTask && retriedWithTheVaultCycle(previous);
  }

  private static boolean vaultCycle(ServiceTask task) {
    var cycle =
        task.getExtensionElements() == null
            ? null
            : task.getExtensionElements()
                .getElementsQuery()
                .filterByType(CamundaFailedJobRetryTimeCycle.class)
                .list();
    return cycle != null
        && cycle.size() == 1
        && "${keyflowRetries.vaultCycle}".equals(cycle.get(0).getTextContent());
  }

  private static List<String> listenerEvents(UserTask task, String delegateExpression) {
    return task
        .getExtensionElements()
        .getElementsQuery()
        .filterByType(CamundaTaskListener.class)
        .list()
        .stream()
        .filter(l -> delegateExpression.equals(l.getCamundaDelegateExpression()))
        .map(CamundaTaskListener::getCamundaEvent)
        .toList();
  }

  private static void assertFormDeployed(String elementId, String formRef, String binding)
      throws Exception {
    assertThat(formRef).as(elementId + " formRef").isNotBlank();
    assertThat(binding).as(elementId + " formRefBinding").isEqualTo("deployment");
    Path form = Path.of("forms", formRef + ".form");
    assertThat(form).as(elementId + " form file").exists();
    assertThat(new ObjectMapper().readTree(Files.readString(form)).get("id").asText())
        .isEqualTo(formRef);
  }
}
