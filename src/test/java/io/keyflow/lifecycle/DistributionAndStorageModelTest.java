package io.keyflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.distribution.KeyDistributionProcess;
import io.keyflow.storage.KeyStorageAttestationProcess;
import io.keyflow.storage.StorageAttestationScheduleProcess;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The distribution and storage processes against their constants classes and the modelling
 * conventions: every element constant names an element, every form constant a form file; the
 * process keeps its history; HSM tasks are asynchronous save points with a retry cycle; approval
 * tasks carry the four-eyes listener on create and complete; every flow node has a diagram shape.
 */
class DistributionAndStorageModelTest {

  static Stream<Class<?>> constantsClasses() {
    return Stream.of(
        KeyDistributionProcess.class,
        KeyStorageAttestationProcess.class,
        StorageAttestationScheduleProcess.class);
  }

  private static BpmnModelInstance model(Class<?> constants) throws IllegalAccessException {
    String processKey = (String) field(constants, "PROCESS_KEY").get(null);
    File file = new File("processes", processKey + ".bpmn");
    assertThat(file).exists();
    return Bpmn.readModelFromFile(file);
  }

  @ParameterizedTest
  @MethodSource("constantsClasses")
  void everyElementAndFormConstantExists(Class<?> constants) throws IllegalAccessException {
    BpmnModelInstance model = model(constants);
    for (Field field : constants.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
        continue;
      }
      String name = field.getName();
      String value = (String) field.get(null);
      if (name.startsWith("TASK_")
          || name.startsWith("END_")
          || name.startsWith("START_")
          || name.startsWith("GATEWAY_")
          || name.startsWith("BOUNDARY_")
          || name.startsWith("EVENT_")
          || name.startsWith("CALL_")
          || (name.startsWith("ERROR_") && !name.startsWith("ERROR_CODE"))) {
        assertThat((Object) model.getModelElementById(value))
            .as(constants.getSimpleName() + "." + name + " = " + value)
            .isNotNull();
      }
      if (name.startsWith("FORM_")) {
        assertThat(new File("forms", value + ".form")).as(name).exists();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("constantsClasses")
  void conventionsHold(Class<?> constants) throws IllegalAccessException {
    BpmnModelInstance model = model(constants);
    Process process = model.getModelElementsByType(Process.class).iterator().next();
    assertThat(process.getId()).isEqualTo(field(constants, "PROCESS_KEY").get(null));
    assertThat(Integer.parseInt(process.getCamundaHistoryTimeToLiveString()))
        .isGreaterThan(3 * 365);
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      if (task.getName().contains("HSM")) {
        assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " is a save point").isTrue();
        assertThat(
                task.getExtensionElements()
                    .getElementsQuery()
                    .filterByType(CamundaFailedJobRetryTimeCycle.class)
                    .list())
            .as(task.getId() + " retry cycle")
            .singleElement()
            .satisfies(
                cycle ->
                    assertThat(cycle.getTextContent()).isEqualTo("${keyflowRetries.vaultCycle}"));
      }
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaCandidateGroups()).isEqualTo("security-officer");
      assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
      assertThat(new File("forms", task.getCamundaFormRef() + ".form")).exists();
      List<String> listeners =
          task
              .getExtensionElements()
              .getElementsQuery()
              .filterByType(CamundaTaskListener.class)
              .list()
              .stream()
              .map(l -> l.getCamundaDelegateExpression() + "@" + l.getCamundaEvent())
              .toList();
      if (task.getId().startsWith("Task_Approve")) {
        assertThat(listeners)
            .contains("${fourEyesListener}@create", "${fourEyesListener}@complete");
      } else {
        assertThat(listeners).hasSize(2);
      }
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      boolean drawn =
          model.getModelElementsByType(BpmnShape.class).stream()
              .map(BpmnShape::getBpmnElement)
              .map(BaseElement::getId)
              .anyMatch(node.getId()::equals);
      assertThat(drawn).as(node.getId() + " has a diagram shape").isTrue();
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      return type.getField(name);
    } catch (NoSuchFieldException e) {
      throw new AssertionError(type.getSimpleName() + " has no " + name, e);
    }
  }
}
