package io.keyflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every file in {@code processes/}: process id = file name, element ids named with their
 * type prefix, and a constants class in {@link ProcessModelTest} (which checks the model against it
 * and the modelling conventions); and that a model says what happens: every exclusive gateway asks
 * a question whose answers name its outgoing flows, a condition reads process variables (a business
 * flag a delegate or listener set) rather than calling beans or engine internals, and no two flow
 * nodes of one process share a name.
 */
class BpmnFilesTest {

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
    assertThat(process.getCamundaHistoryTimeToLiveString())
        .as("historyTimeToLive of " + file)
        .isNotBlank();
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
            case "exclusiveGateway", "parallelGateway", "eventBasedGateway", "inclusiveGateway" ->
                "Gateway_";
            case "subProcess" -> "SubProcess_";
            case "callActivity" -> "CallActivity_";
            default -> "Task_";
          };
      assertThat(element.getId()).as(type + " in " + file.getName()).startsWith(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyProcessHasAConstantsClassThatIsChecked(File file) {
    String processKey = file.getName().replace(".bpmn", "");
    assertThat(ProcessModelTest.processes().map(arguments -> arguments.get()[1]))
        .as(processKey + " is listed in ProcessModelTest.processes()")
        .contains(processKey);
  }

  /** A method call or the engine's execution object: what a condition must not contain. */
  private static final Pattern CALL_OR_ENGINE = Pattern.compile("\\w\\s*\\(|\\bexecution\\b");

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyDecidingGatewayAsksAQuestionAndNamesItsAnswers(File file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file);
    for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
      if (gateway.getOutgoing().size() < 2) {
        continue; // a gateway that only joins paths decides nothing
      }
      String where = gateway.getId() + " in " + file.getName();
      assertThat(gateway.getName()).as("name of " + where).isNotBlank().endsWith("?");
      for (SequenceFlow flow : gateway.getOutgoing()) {
        assertThat(flow.getName()).as("answer " + flow.getId() + " of " + where).isNotBlank();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void conditionsReadVariablesOnly(File file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file);
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      ConditionExpression condition = flow.getConditionExpression();
      if (condition != null) {
        assertThat(CALL_OR_ENGINE.matcher(condition.getTextContent()).find())
            .as(
                "condition of "
                    + flow.getId()
                    + " in "
                    + file.getName()
                    + " calls a method or reads the engine: "
                    + condition.getTextContent())
            .isFalse();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void noTwoFlowNodesOfAProcessShareAName(File file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file);
    Map<String, List<String>> idsByName =
        model.getModelElementsByType(FlowNode.class).stream()
            .filter(node -> node.getName() != null && !node.getName().isBlank())
            .collect(
                Collectors.groupingBy(
                    FlowNode::getName, Collectors.mapping(FlowNode::getId, Collectors.toList())));
    assertThat(idsByName.entrySet().stream().filter(e -> e.getValue().size() > 1))
        .as("flow nodes sharing a name in " + file.getName())
        .isEmpty();
  }

  /**
   * Officers work from a list: four rows "Approve key generation" are indistinguishable, so every
   * officer task's name says which key (or how many keys) it is about.
   */
  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyOfficerTaskNameSaysWhatItIsAbout(File file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file);
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if ("security-officer".equals(task.getCamundaCandidateGroups())) {
        assertThat(task.getName())
            .as("name of officer task " + task.getId() + " in " + file.getName())
            .containsPattern("\\$\\{[A-Za-z]+\\}");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aConditionCallingABeanOrTheEngineIsCaught() {
    assertThat(CALL_OR_ENGINE.matcher("${keyflowDestruction.approvalsComplete(x)}").find())
        .isTrue();
    assertThat(CALL_OR_ENGINE.matcher("${execution.getVariable('recipient') != null}").find())
        .isTrue();
    assertThat(CALL_OR_ENGINE.matcher("${keysRemaining > 0}").find()).isFalse();
    assertThat(CALL_OR_ENGINE.matcher("${!approvalsComplete}").find()).isFalse();
  }
}
