package io.keyflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.KeyflowProcesses;
import io.keyflow.campaign.RotationSweepProcess;
import io.keyflow.generation.KeyGenerationProcess;
import io.keyflow.rotation.KeyRotationProcess;
import io.keyflow.shared.Refusal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartVariablesTest {

  private static final StartVariables GENERATION = KeyGenerationProcess.START_VARIABLES;

  private static Map<String, Object> request() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("alias", "orders-db");
    variables.put("purpose", "DATA_AT_REST");
    variables.put("algorithm", "aes-256");
    variables.put("exportable", false);
    variables.put("justification", "Encrypt the orders database.\nSee ticket 42.");
    variables.put("environment", null);
    variables.put("requestedBy", "alice");
    return variables;
  }

  private static void refused(StartVariables spec, Map<String, Object> variables, String message) {
    assertThatThrownBy(() -> spec.check(variables))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining(message)
        .extracting(e -> ((Refusal) e).kind())
        .isEqualTo(Refusal.Kind.INVALID_REQUEST);
  }

  @Test
  void aWellFormedRequestWithLineBreaksAndEmptyFieldsPasses() {
    assertThatCode(() -> GENERATION.check(request())).doesNotThrowAnyException();
  }

  @Test
  void refusesAnOverlongAliasWithItsLengthAndTheLimit() {
    Map<String, Object> variables = request();
    variables.put("alias", "a".repeat(10_000));
    refused(
        GENERATION,
        variables,
        "Variable 'alias' is 10000 characters long; at most 128 are allowed");
  }

  @Test
  void refusesNulAndOtherControlCharactersByPosition() {
    Map<String, Object> variables = request();
    variables.put("alias", "orders\u0000db");
    refused(
        GENERATION,
        variables,
        "Variable 'alias' contains a control or invalid character at position 7");
    variables.put("alias", "orders-db");
    variables.put("purpose", "DATA\u001b[31m");
    refused(
        GENERATION,
        variables,
        "Variable 'purpose' contains a control or invalid character at position 5");
  }

  @Test
  void refusesAnUnpairedSurrogateButAcceptsAPairedOne() {
    Map<String, Object> variables = request();
    variables.put("justification", "key for \uD83D\uDD11 emoji");
    assertThatCode(() -> GENERATION.check(variables)).doesNotThrowAnyException();
    variables.put("justification", "broken \uD83D");
    refused(GENERATION, variables, "contains a control or invalid character");
  }

  @Test
  void refusesWrongTypesNamingWhatWasExpected() {
    Map<String, Object> variables = request();
    variables.put("alias", 12345);
    refused(GENERATION, variables, "Variable 'alias' must be text; it is a number");
    variables.put("alias", "orders-db");
    variables.put("exportable", "yes");
    refused(GENERATION, variables, "Variable 'exportable' must be true or false; it is text");
    variables.put("exportable", new StartVariables.Unsupported("object"));
    refused(GENERATION, variables, "it is a value of type object");
  }

  @Test
  void refusesVariablesTheRequestHasNoFieldFor() {
    Map<String, Object> variables = request();
    variables.put("hsmLabel", "keyflow/other/v1");
    refused(
        GENERATION,
        variables,
        "Variable 'hsmLabel' is not part of a KeyGeneration request; send only alias");
    refused(
        RotationSweepProcess.START_VARIABLES,
        Map.of("alias", "x"),
        "this process takes no variables");
  }

  @Test
  void daysAreWholeNumbersOrTextAndNeverFractions() {
    Map<String, Object> rotation = new HashMap<>(Map.of("alias", "k", "reason", "r"));
    rotation.put("encryptPeriodDays", 30L);
    rotation.put("retentionDays", "90");
    assertThatCode(() -> KeyRotationProcess.START_VARIABLES.check(rotation))
        .doesNotThrowAnyException();
    rotation.put("encryptPeriodDays", 2.5);
    refused(KeyRotationProcess.START_VARIABLES, rotation, "must be text or a whole number");
  }

  @Test
  void aBusinessKeyIsHeldToTheIdentifierLimit() {
    assertThatCode(() -> StartVariables.checkBusinessKey("orders-db")).doesNotThrowAnyException();
    assertThatThrownBy(() -> StartVariables.checkBusinessKey("b".repeat(300)))
        .hasMessageContaining("The business key is 300");
  }

  @Test
  void everyProcessUnderProcessesHasASpec() throws Exception {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("processes"))) {
      assertThat(KeyflowProcesses.START_VARIABLES)
          .extracting(StartVariables::processKey)
          .containsExactlyInAnyOrderElementsOf(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(n -> n.endsWith(".bpmn"))
                  .map(n -> n.replace(".bpmn", ""))
                  .toList());
    }
  }
}
