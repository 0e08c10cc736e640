package io.keyflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.Test;

/** The deployed forms are the declaration of what completing each officer task may carry. */
class TaskFormFieldsTest {

  private static Map<String, TaskFormFields.Field> editable(String form) {
    TaskFormFields fields =
        new TaskFormFields(
            taskId -> {
              try {
                return Files.readAllBytes(Path.of("forms", form + ".form"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    TaskEntity task = new TaskEntity();
    task.setId(form);
    task.setProcessDefinitionId(form + ":1");
    task.setTaskDefinitionKey("Task_" + form);
    return fields.of(task);
  }

  @Test
  void everyApprovalFormLetsTheOfficerFillInTheDecisionAndTheCommentOnly() {
    for (String form :
        new String[] {
          "approve-key-generation",
          "approve-key-distribution",
          "approve-key-rotation",
          "approve-key-destruction"
        }) {
      assertThat(editable(form)).as(form).containsOnlyKeys("approved", "comment");
      assertThat(editable(form).get("approved").type()).isEqualTo("checkbox");
      assertThat(editable(form).get("comment").maxLength()).isEqualTo(2000);
    }
  }

  @Test
  void theAttestationFormLetsTheOfficerWriteACommentOnly() {
    assertThat(editable("attest-key-storage")).containsOnlyKeys("comment");
  }

  @Test
  void aValueOfTheWrongTypeOrLengthIsRefusedInWordsNamingTheField() {
    Map<String, TaskFormFields.Field> fields = editable("approve-key-distribution");
    assertThat(fields.get("approved").refusal(true)).isNull();
    assertThat(fields.get("approved").refusal("true"))
        .isEqualTo("'approved' must be true or false");
    assertThat(fields.get("comment").refusal("fine")).isNull();
    assertThat(fields.get("comment").refusal(7)).isEqualTo("'comment' must be text");
    assertThat(fields.get("comment").refusal("x".repeat(2001)))
        .isEqualTo("'comment' is longer than 2000 characters");
    assertThat(fields.get("comment").refusal(null)).isNull();
  }

  @Test
  void aCommentWithANulOrAnotherControlCharacterIsRefusedButLineBreaksAndTabsAreFine() {
    TaskFormFields.Field comment = editable("approve-key-generation").get("comment");
    assertThat(comment.refusal("fine\u0000"))
        .startsWith("'comment' contains a control or invalid character at position 5");
    assertThat(comment.refusal("bell\u0007")).contains("control or invalid character");
    assertThat(comment.refusal("half \ud800 a pair")).contains("control or invalid character");
    assertThat(comment.refusal("line one\r\nline two\tand a tab, \ud83d\udd11")).isNull();
  }

  @Test
  void aTextFieldWithoutItsOwnLimitAcceptsAtMostTheDefaultLength() {
    TaskFormFields.Field note = new TaskFormFields.Field("note", "textfield", null);
    assertThat(note.refusal("n".repeat(TaskFormFields.DEFAULT_MAX_LENGTH))).isNull();
    assertThat(note.refusal("n".repeat(TaskFormFields.DEFAULT_MAX_LENGTH + 1)))
        .isEqualTo("'note' is longer than 2000 characters");
  }
}
