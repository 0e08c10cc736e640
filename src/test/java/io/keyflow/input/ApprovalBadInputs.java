package io.keyflow.input;

import static io.keyflow.input.BadInput.post;
import static io.keyflow.input.BadInput.send;
import static io.keyflow.input.Json.object;
import static io.keyflow.input.Json.repeat;
import static io.keyflow.input.Json.str;
import static io.keyflow.input.Json.typed;
import static io.keyflow.input.Json.var;
import static io.keyflow.input.Json.variables;

import java.util.ArrayList;
import java.util.List;

/**
 * Bad inputs that try to make an approval carry more than a decision, or move a lifecycle instance
 * on without one: completions with a wrongly typed, oversized or extra variable, variable writes on
 * the approval's task and instance, message correlation and signals by users, and variables sent
 * along with a process-instance modification. Every one is refused before anything runs.
 */
final class ApprovalBadInputs {

  static final String SENT_BY_KEYFLOW_ONLY = "sent by Keyflow only";

  private ApprovalBadInputs() {}

  static List<BadInput> all(CatalogueFixtures f) {
    String complete = "/engine-rest/task/" + f.taskId() + "/complete";
    String instance = "/engine-rest/process-instance/" + f.instanceId();
    String approve = var("approved", "true");
    List<BadInput> inputs =
        new ArrayList<>(
            List.of(
                post(
                    "approval: approved sent as the text yes",
                    complete,
                    "bob",
                    variables(var("approved", str("yes"))),
                    400,
                    "'approved' must be true or false"),
                post(
                    "approval: approved sent as the Integer 1",
                    complete,
                    "bob",
                    variables(typed("approved", "1", "Integer", null)),
                    400,
                    "'approved' must be true or false"),
                post(
                    "approval: a comment of 5,000 characters",
                    complete,
                    "bob",
                    variables(approve, var("comment", str(repeat('c', 5_000)))),
                    400,
                    "'comment' is longer than 2000"),
                post(
                    "approval: a comment containing NUL",
                    complete,
                    "bob",
                    variables(approve, var("comment", str("fine\u0000"))),
                    400,
                    "'comment' contains a control or invalid character"),
                post(
                    "approval: a comment typed as a Date",
                    complete,
                    "bob",
                    variables(
                        approve,
                        typed("comment", str("2026-01-01T00:00:00.000+0000"), "Date", null)),
                    400,
                    "'comment' must be text"),
                post(
                    "approval: a comment typed as a JSON-serialized Object",
                    complete,
                    "bob",
                    variables(
                        approve,
                        typed(
                            "comment",
                            str("\"fine\""),
                            "Object",
                            "{\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"application/json\"}")),
                    400,
                    "'comment' is a serialized object"),
                send(
                    "approval: a task variable x set by an officer",
                    "PUT",
                    "/engine-rest/task/" + f.taskId() + "/variables/x",
                    "bob",
                    BadInput.JSON,
                    BadInput.bytes(object("value", str("y"))),
                    400,
                    "[x]"),
                post(
                    "process instance: variables modified by the administrator",
                    instance + "/variables",
                    "admin",
                    object("modifications", "{" + var("approved", "true") + "}"),
                    400,
                    "[approved]"),
                post(
                    "process instance: a variable deleted by the administrator",
                    instance + "/variables",
                    "admin",
                    object("deletions", "[" + str("alias") + "]"),
                    400,
                    "[alias]"),
                post(
                    "modification: the administrator plants approved with an instruction",
                    instance + "/modification",
                    "admin",
                    modification("approved", "true", false),
                    400,
                    "[approved]"),
                post(
                    "modification: the administrator plants a local requestedBy",
                    instance + "/modification",
                    "admin",
                    modification("requestedBy", str("mallory"), true),
                    400,
                    "[requestedBy]"),
                post(
                    "modification: the administrator plants approved asynchronously",
                    instance + "/modification-async",
                    "admin",
                    modification("approved", "true", false),
                    400,
                    "[approved]"),
                post(
                    "message: the administrator correlates the pickup message in a batch",
                    "/engine-rest/process-instance/message-async",
                    "admin",
                    object(
                        "messageName",
                        str("KeyPackagePickedUp"),
                        "processInstanceIds",
                        "[" + str(f.instanceId()) + "]"),
                    403,
                    SENT_BY_KEYFLOW_ONLY),
                post(
                    "message: the administrator correlates the pickup message",
                    "/engine-rest/message",
                    "admin",
                    object(
                        "messageName",
                        str("KeyPackagePickedUp"),
                        "processInstanceId",
                        str(f.instanceId())),
                    403,
                    SENT_BY_KEYFLOW_ONLY),
                post(
                    "message: the administrator correlates the pickup message to all",
                    "/engine-rest/message",
                    "admin",
                    object("messageName", str("KeyPackagePickedUp"), "all", "true"),
                    403,
                    SENT_BY_KEYFLOW_ONLY),
                post(
                    "message: the administrator triggers a message subscription",
                    "/engine-rest/execution/"
                        + f.instanceId()
                        + "/messageSubscriptions/KeyPackagePickedUp/trigger",
                    "admin",
                    "{}",
                    403,
                    SENT_BY_KEYFLOW_ONLY),
                post(
                    "signal: the administrator signals an execution",
                    "/engine-rest/execution/" + f.instanceId() + "/signal",
                    "admin",
                    "{}",
                    403,
                    SENT_BY_KEYFLOW_ONLY),
                post(
                    "signal: the administrator sends a signal",
                    "/engine-rest/signal",
                    "admin",
                    object("name", str("anything")),
                    403,
                    SENT_BY_KEYFLOW_ONLY)));
    for (String extra : List.of("recipient", "requestedBy", "approvedBy", "alias")) {
      inputs.add(
          post(
              "approval: an extra variable " + extra,
              complete,
              "bob",
              variables(approve, var(extra, str("other"))),
              400,
              "not '" + extra + "'"));
    }
    return inputs;
  }

  /** A modification that starts the approval task again and sends one variable with it. */
  private static String modification(String name, String rawValue, boolean local) {
    return "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_ApproveKeyGeneration\","
        + "\"variables\":{"
        + str(name)
        + ":{\"value\":"
        + rawValue
        + ",\"local\":"
        + local
        + "}}}]}";
  }
}
