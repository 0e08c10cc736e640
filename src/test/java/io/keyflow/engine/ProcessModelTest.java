package io.keyflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.lifecycle.generation.KeyGenerationProcess;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the BPMN files in {@code processes/} against the conventions the code relies on: process
 * id = file name, element ids named with their type prefix and present in the constants class,
 * history time-to-live set, every vault task asynchronous with a retry cycle, every approval task
 * guarded by the four-eyes listener on create and complete with a deployed form.
 */
class ProcessModelTest {

  /** Process key → its constants class. Every lifecycle process has one. */
  static Stream<Class<?>> constantsClasses() {
    return Stream.of(KeyGenerationProcess.class);
  }

  static Stream<File> bpmnFiles() {
    File[] files = new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"));
    assertThat(files).isNotEmpty();
    return Arrays.stream(files);
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void processIdIsTheFileNameAndHistoryIsKept(File file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file);
    List<Process> processes = new ArrayList<>(model.getModelElementsByType(Process.class));
    assertThat(processes).hasSize(1);
    Process process = processes.get(0);
    assertThat(process.getId()).isEqualTo(file.getName().replace(".bpmn", ""));
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of " + file).isNotBlank();
    assertThat(Integer.parseInt(process.getCamundaHistoryTimeToLiveString()))
        .as("history outlives the longest retention (3 years)")
        .isGreaterThan(3 * 365);
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void elementIdsCarryTheirTypePrefix(File file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file);
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      String type = element.getElementType().getTypeName();
      String expected =
          switch (type) {
            case "sequenceFlow" -> "Flow_";
            case "startEvent" -> "StartEvent_";
            case "endEvent" -> "EndEvent_";
            case "boundaryEvent" -> "BoundaryEvent_";
            case "intermediateCatchEvent", "intermediateThrowEvent" -> "Event_";
            case "exclusiveGateway", "parallelGateway", "eventBasedGateway", "inclusiveGateway" -> "Gateway_";
            case "subProcess" -> "SubProcess_";
            case "callActivity" -> "CallActivity_";
            default -> "Task_";
          };
      assertThat(element.getId()).as(type + " in " + file.getName()).startsWith(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void vaultTasksAreAsyncWithRetriesAndApprovalsAreGuarded(File file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file);
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      if (task.getName() != null && task.getName().contains("HSM")) {
        assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " is a save point").isTrue();
        assertThat(retryCycle(task)).as(task.getId() + " has a retry cycle").isNotNull();
      }
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (!"security-officer".equals(task.getCamundaCandidateGroups())) {
        continue;
      }
      if (task.getId().startsWith("Task_Approve") || task.getName().toLowerCase().contains("approv")) {
        List<String> events =
            task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
                .filter(l -> "${fourEyesListener}".equals(l.getCamundaDelegateExpression()))
                .map(CamundaTaskListener::getCamundaEvent)
                .toList();
        assertThat(events).as(task.getId() + " four-eyes listener").contains("create", "complete");
      }
      assertThat(task.getCamundaFormRef()).as(task.getId() + " form").isNotBlank();
      assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
      assertThat(new File("forms", task.getCamundaFormRef().replace("${", "").replace("}", "") + ".form"))
          .as("form of " + task.getId())
          .exists();
    }
  }

  @ParameterizedTest
  @MethodSource("constantsClasses")
  void everyElementConstantNamesAnElementOfItsProcess(Class<?> constants) throws IllegalAccessException {
    String processKey = (String) field(constants, "PROCESS_KEY").get(null);
    BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes", processKey + ".bpmn"));
    for (Field field : constants.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
        continue;
      }
      String name = field.getName();
      if (name.startsWith("TASK_") || name.startsWith("END_") || name.startsWith("START_")
          || name.startsWith("GATEWAY_") || name.startsWith("BOUNDARY_") || name.startsWith("ERROR_")
          && !name.startsWith("ERROR_CODE")) {
        String id = (String) field.get(null);
        assertThat((Object) model.getModelElementById(id)).as(constants.getSimpleName() + "." + name + " = " + id).isNotNull();
      }
      if (name.startsWith("FORM_")) {
        assertThat(new File("forms", field.get(null) + ".form")).as(name).exists();
      }
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      return type.getField(name);
    } catch (NoSuchFieldException e) {
      throw new AssertionError(type.getSimpleName() + " has no " + name, e);
    }
  }

  private static String retryCycle(Activity task) {
    if (task.getExtensionElements() == null) {
      return null;
    }
    return task.getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle.class)
        .list().stream().map(c -> c.getTextContent()).findFirst().orElse(null);
  }
}
