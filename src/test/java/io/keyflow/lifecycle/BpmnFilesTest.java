package io.keyflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every file in {@code processes/}: process id = file name, element ids named with their
 * type prefix, and a constants class in {@link ProcessModelTest} (which checks the model against it
 * and the modelling conventions).
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
}
