package io.keyflow.input;

import static io.keyflow.input.BadInput.post;
import static io.keyflow.input.BadInput.send;
import static io.keyflow.input.Json.object;
import static io.keyflow.input.Json.str;
import static io.keyflow.input.Json.typed;
import static io.keyflow.input.Json.var;
import static io.keyflow.input.Json.variables;

import java.util.List;

/**
 * The worst of the catalogue sent to the webapps' own engine REST API, which Tasklist and Cockpit
 * use ({@code /camunda/api/engine/...}, a session login, not Basic authentication): it must answer
 * them with the same 4xx as {@code /engine-rest}, never 500.
 */
final class WebappBadInputs {

  private WebappBadInputs() {}

  static List<BadInput> all(CatalogueFixtures f) {
    String task = WebappSession.ENGINE + "/task/" + f.taskId();
    return List.of(
        post(
            "webapp: generation with alias sent as an Integer",
            WebappSession.ENGINE + "/process-definition/key/KeyGeneration/start",
            "alice",
            EngineBadInputs.generation("alias", typed("alias", "12345", "Integer", null)),
            400,
            "must be text"),
        post(
            "webapp: generation with start instructions",
            WebappSession.ENGINE + "/process-definition/key/KeyGeneration/start",
            "alice",
            object(
                "variables",
                "{}",
                "startInstructions",
                "[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_GenerateKey\"}]"),
            400,
            "start event only"),
        post(
            "webapp: approval with an extra variable recipient",
            task + "/complete",
            "bob",
            variables(var("approved", "true"), var("recipient", str("other"))),
            400,
            "not 'recipient'"),
        post(
            "webapp: approval form submitted with an extra variable alias",
            task + "/submit-form",
            "bob",
            variables(var("approved", "true"), var("alias", str("other"))),
            400,
            "not 'alias'"),
        post(
            "webapp: approval with a comment containing NUL",
            task + "/complete",
            "bob",
            variables(var("approved", "true"), var("comment", str("a\u0000b"))),
            400,
            "control or invalid character"),
        send(
            "webapp: approval deleted by the administrator",
            "DELETE",
            task,
            "admin",
            null,
            null,
            400,
            "cannot be deleted"),
        send(
            "webapp: a task variable set by an officer",
            "PUT",
            task + "/variables/approved",
            "bob",
            BadInput.JSON,
            BadInput.bytes(object("value", "true")),
            400,
            "[approved]"),
        post(
            "webapp: the administrator correlates the pickup message",
            WebappSession.ENGINE + "/message",
            "admin",
            object(
                "messageName", str("KeyPackagePickedUp"), "processInstanceId", str(f.instanceId())),
            403,
            ApprovalBadInputs.SENT_BY_KEYFLOW_ONLY));
  }
}
