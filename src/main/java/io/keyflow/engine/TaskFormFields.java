package io.keyflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.engine.task.Task;

/**
 * The fields a task's form lets the person completing it fill in: its keyed components that are
 * neither read-only nor disabled. This is the single declaration of what a completion may carry
 * (for an approval: {@code approved} and {@code comment}); everything the form only shows is part
 * of the request and never submitted (form-js leaves disabled fields out of what Tasklist sends).
 * Read from the deployed form once per process definition and task.
 */
final class TaskFormFields {

  /** One editable field and the value it accepts. */
  record Field(String key, String type, Integer maxLength) {

    /** Why {@code value} does not fit this field, or null when it does. */
    String refusal(Object value) {
      if (value == null) {
        return null;
      }
      return switch (type) {
        case "checkbox" -> value instanceof Boolean ? null : "'" + key + "' must be true or false";
        case "number" -> value instanceof Number ? null : "'" + key + "' must be a number";
        case "textfield", "textarea" -> {
          if (!(value instanceof String text)) {
            yield "'" + key + "' must be text";
          }
          int limit = maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
          if (text.length() > limit) {
            yield "'" + key + "' is longer than " + limit + " characters";
          }
          int bad = firstControlCharacter(text);
          yield bad < 0
              ? null
              : "'"
                  + key
                  + "' contains a control or invalid character at position "
                  + (bad + 1)
                  + "; use printable text only (line breaks and tabs are fine)";
        }
        default -> null;
      };
    }
  }

  /** The longest text a field without its own {@code maxLength} accepts. */
  static final int DEFAULT_MAX_LENGTH = 2000;

  /**
   * The index of the first character text fields refuse, or -1: control characters other than line
   * breaks and tabs (PostgreSQL refuses NUL in text, which would fail the completion with a server
   * error after the decision was taken) and unpaired surrogates.
   */
  static int firstControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)
          || Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        return i;
      }
    }
    return -1;
  }

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Map<String, Field>> byTask = new ConcurrentHashMap<>();
  private final Function<String, byte[]> deployedForm;

  /**
   * @param deployedForm a task id's deployed form (JSON), or null when the task has none
   */
  TaskFormFields(Function<String, byte[]> deployedForm) {
    this.deployedForm = deployedForm;
  }

  /** The editable fields of the task's form, by key; empty when the task has no form. */
  Map<String, Field> of(Task task) {
    return byTask.computeIfAbsent(
        task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(), k -> read(task.getId()));
  }

  private Map<String, Field> read(String taskId) {
    byte[] form = deployedForm.apply(taskId);
    if (form == null) {
      return Map.of();
    }
    JsonNode schema;
    try {
      schema = json.readTree(form);
    } catch (IOException e) {
      throw new IllegalStateException(
          "The deployed form of task " + taskId + " is not readable JSON", e);
    }
    Map<String, Field> fields = new LinkedHashMap<>();
    collect(schema, fields);
    return Map.copyOf(fields);
  }

  private static void collect(JsonNode container, Map<String, Field> fields) {
    for (JsonNode component : container.path("components")) {
      if (component.hasNonNull("key")
          && !flag(component, "readonly")
          && !flag(component, "disabled")) {
        JsonNode maxLength = component.path("validate").path("maxLength");
        fields.put(
            component.get("key").asText(),
            new Field(
                component.get("key").asText(),
                component.path("type").asText(),
                maxLength.isInt() ? maxLength.asInt() : null));
      }
      collect(component, fields);
    }
  }

  /** A form-js flag is set when true or given as an expression (which may be true at run time). */
  private static boolean flag(JsonNode component, String name) {
    JsonNode value = component.get(name);
    return value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean());
  }
}
