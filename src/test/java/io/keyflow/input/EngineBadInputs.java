package io.keyflow.input;

import static io.keyflow.input.BadInput.get;
import static io.keyflow.input.BadInput.post;
import static io.keyflow.input.BadInput.refusedStart;
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
 * Bad inputs to Camunda's engine REST API: start variables of every Keyflow process, start options,
 * task completions and deletions. Every one is refused before anything is stored.
 */
final class EngineBadInputs {

  static final String JAVA_SERIALIZED =
      "{\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}";

  private EngineBadInputs() {}

  static String start(String processKey) {
    return "/engine-rest/process-definition/key/" + processKey + "/start";
  }

  /** A valid generation request with one variable replaced or added. */
  static String generation(String name, String rawVariable) {
    List<String> vars = new ArrayList<>();
    for (String[] field :
        new String[][] {
          {"alias", str("catalogue-new")},
          {"purpose", str("DATA_AT_REST")},
          {"algorithm", str("AES-256")},
          {"justification", str("catalogue")}
        }) {
      if (!field[0].equals(name)) {
        vars.add(var(field[0], field[1]));
      }
    }
    vars.add(rawVariable);
    return variables(vars.toArray(String[]::new));
  }

  /** A valid grant request of the catalogue's system on its key, with one variable replaced. */
  static String grant(CatalogueFixtures f, String name, String rawVariable) {
    List<String> vars = new ArrayList<>();
    for (String[] field :
        new String[][] {
          {"system", str(f.recipient())},
          {"alias", str(f.keyAlias())},
          {"operations", str("encrypt")},
          {"duration", str("P30D")},
          {"justification", str("catalogue")}
        }) {
      if (!field[0].equals(name)) {
        vars.add(var(field[0], field[1]));
      }
    }
    vars.add(rawVariable);
    return variables(vars.toArray(String[]::new));
  }

  static List<BadInput> all(CatalogueFixtures f) {
    List<BadInput> all = new ArrayList<>(lifecycle(f));
    String grant = start("KeyAccessGrant");
    String refused = "EndEvent_GrantRefused";
    all.addAll(
        List.of(
            post(
                "grant: a system name of 10,000 characters",
                grant,
                "alice",
                grant(f, "system", var("system", str(repeat('s', 10_000)))),
                400,
                "10000 characters long"),
            refusedStart(
                "grant: a zero duration ends on Grant refused",
                grant,
                "alice",
                grant(f, "duration", var("duration", str("PT0S"))),
                refused),
            refusedStart(
                "grant: a negative duration ends on Grant refused",
                grant,
                "alice",
                grant(f, "duration", var("duration", str("-P1D"))),
                refused),
            refusedStart(
                "grant: a duration above the maximum ends on Grant refused",
                grant,
                "alice",
                grant(f, "duration", var("duration", str("P366D"))),
                refused),
            refusedStart(
                "grant: a duration that is not ISO-8601 ends on Grant refused",
                grant,
                "alice",
                grant(f, "duration", var("duration", str("30 days"))),
                refused),
            refusedStart(
                "grant: an unknown operation ends on Grant refused",
                grant,
                "alice",
                grant(f, "operations", var("operations", str("encrypt,teleport"))),
                refused),
            refusedStart(
                "grant: a data key never wraps",
                grant,
                "alice",
                grant(f, "operations", var("operations", str("wrap"))),
                refused),
            refusedStart(
                "grant: get of a non-exportable key ends on Grant refused",
                grant,
                "alice",
                grant(f, "operations", var("operations", str("get"))),
                refused),
            refusedStart(
                "grant: an unknown system ends on Grant refused",
                grant,
                "alice",
                grant(f, "system", var("system", str("no-such-system"))),
                refused),
            refusedStart(
                "grant: a system name with a slash ends on Grant refused",
                grant,
                "alice",
                grant(f, "system", var("system", str("app/../admin"))),
                refused)));
    return all;
  }

  private static List<BadInput> lifecycle(CatalogueFixtures f) {
    String gen = start("KeyGeneration");
    String task = "/engine-rest/task/" + f.taskId();
    return List.of(
        post(
            "generation: an alias of 10,000 characters",
            gen,
            "alice",
            generation("alias", var("alias", str(repeat('a', 10_000)))),
            400,
            "10000 characters long"),
        post(
            "generation: an alias containing NUL",
            gen,
            "alice",
            generation("alias", var("alias", str("orders\u0000db"))),
            400,
            "control or invalid character"),
        post(
            "generation: a justification of 1 MB",
            gen,
            "alice",
            generation("justification", var("justification", str(repeat('j', 1_000_000)))),
            413,
            "larger than"),
        post(
            "generation: a justification of 5,000 characters",
            gen,
            "alice",
            generation("justification", var("justification", str(repeat('j', 5_000)))),
            400,
            "at most 2000"),
        post(
            "generation: alias sent as an Integer",
            gen,
            "alice",
            generation("alias", typed("alias", "12345", "Integer", null)),
            400,
            "must be text"),
        post(
            "generation: exportable sent as the text yes",
            gen,
            "alice",
            generation("exportable", var("exportable", str("yes"))),
            400,
            "must be true or false"),
        post(
            "generation: a Java-serialized Object variable",
            gen,
            "alice",
            generation("alias", typed("alias", str("rO0ABXQAA2FiYw=="), "Object", JAVA_SERIALIZED)),
            400,
            "serialized Java object"),
        post(
            "generation: a File variable",
            gen,
            "alice",
            generation(
                "justification",
                typed("justification", str("aGVsbG8="), "File", "{\"filename\":\"a.txt\"}")),
            400,
            "type file"),
        post(
            "generation: a Bytes variable",
            gen,
            "alice",
            generation("justification", typed("justification", str("aGVsbG8="), "Bytes", null)),
            400,
            "type bytes"),
        post(
            "generation: a Date variable",
            gen,
            "alice",
            generation(
                "justification",
                typed("justification", str("2026-01-01T00:00:00.000+0000"), "Date", null)),
            400,
            "type date"),
        post(
            "generation: a Json variable",
            gen,
            "alice",
            generation("justification", typed("justification", str("{}"), "Json", null)),
            400,
            ""),
        post(
            "generation: an extra variable the request has no field for",
            gen,
            "alice",
            generation("hsmLabel", var("hsmLabel", str("keyflow/other/v1"))),
            400,
            "not part of a KeyGeneration request"),
        post(
            "generation: a purpose with a bell character",
            gen,
            "alice",
            generation("purpose", var("purpose", str("DATA_AT_REST\u0007"))),
            400,
            "control or invalid character"),
        post(
            "generation: a justification with an unpaired surrogate",
            gen,
            "alice",
            generation("justification", var("justification", str("why \ud800"))),
            400,
            "control or invalid character"),
        post(
            "generation: a business key of 300 characters",
            gen,
            "alice",
            object(
                "businessKey",
                str(repeat('b', 300)),
                "variables",
                "{" + var("alias", str("x")) + "}"),
            400,
            "business key"),
        post(
            "generation: a business key containing NUL",
            gen,
            "alice",
            object(
                "businessKey",
                str("orders\u0000db"),
                "variables",
                "{" + var("alias", str("x")) + "}"),
            400,
            "business key contains a control"),
        post(
            "generation: a case instance that does not exist",
            gen,
            "alice",
            object(
                "caseInstanceId",
                str("no-such-case"),
                "variables",
                "{" + var("alias", str("x")) + "}"),
            400,
            "not part of a CMMN case"),
        post(
            "generation: start instructions that skip the check and approval",
            gen,
            "alice",
            object(
                "variables",
                "{}",
                "startInstructions",
                "[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_GenerateKey\"}]"),
            400,
            "start event only"),
        post(
            "generation: skipCustomListeners with a 10,000-character alias",
            gen,
            "alice",
            object(
                "skipCustomListeners",
                "true",
                "variables",
                "{" + var("alias", str(repeat('a', 10_000))) + "}"),
            400,
            "Cannot skip custom listeners"),
        post(
            "generation: variables is not an object",
            gen,
            "alice",
            "{\"variables\":\"alias\"}",
            400,
            "Field 'variables'"),
        post(
            "generation: a body that is not JSON",
            gen,
            "alice",
            "alias=orders-db",
            400,
            "not valid JSON"),
        send(
            "generation: a text/plain body",
            "POST",
            gen,
            "alice",
            "text/plain",
            BadInput.bytes("{}"),
            415,
            ""),
        post(
            "generation: by an auditor",
            gen,
            "dave",
            generation("alias", var("alias", str("by-auditor"))),
            403,
            ""),
        post(
            "start of a process that does not exist",
            start("NoSuchProcess"),
            "alice",
            "{}",
            404,
            ""),
        post(
            "generation: form submission with an alias containing NUL",
            "/engine-rest/process-definition/key/KeyGeneration/submit-form",
            "alice",
            generation("alias", var("alias", str("a\u0000b"))),
            400,
            "control or invalid character"),
        refusedStart(
            "generation: AES-128 ends on Request refused",
            gen,
            "alice",
            generation("algorithm", var("algorithm", str("AES-128"))),
            "EndEvent_RequestRefused"),
        refusedStart(
            "generation: an alias with a line break ends on Request refused",
            gen,
            "alice",
            generation("alias", var("alias", str("orders\ndb"))),
            "EndEvent_RequestRefused"),
        post(
            "rotation: encryptPeriodDays as a Date",
            start("KeyRotation"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("reason", str("r")),
                typed("encryptPeriodDays", str("2026-01-01T00:00:00.000+0000"), "Date", null)),
            400,
            "type date"),
        post(
            "rotation: a reason of 5,000 characters",
            start("KeyRotation"),
            "alice",
            variables(var("alias", str(f.keyAlias())), var("reason", str(repeat('r', 5_000)))),
            400,
            "at most 2000"),
        post(
            "rotation: alias as a Boolean",
            start("KeyRotation"),
            "alice",
            variables(var("alias", "true"), var("reason", str("r"))),
            400,
            "must be text"),
        post(
            "rotation: encryptPeriodDays of 2.5",
            start("KeyRotation"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("reason", str("r")),
                var("encryptPeriodDays", "2.5")),
            400,
            "whole number"),
        post(
            "rotation: an extra newVersionId variable",
            start("KeyRotation"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("reason", str("r")),
                var("newVersionId", str("x"))),
            400,
            "not part of a KeyRotation request"),
        refusedStart(
            "rotation: retentionDays of -5 ends on Rotation refused",
            start("KeyRotation"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("reason", str("r")),
                var("retentionDays", str("-5"))),
            "EndEvent_RotationRefused"),
        post(
            "destruction: version as a Boolean",
            start("KeyDestruction"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())), var("version", "true"), var("reason", str("r"))),
            400,
            "text or a whole number"),
        post(
            "destruction: a reason containing NUL",
            start("KeyDestruction"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("version", "1"),
                var("reason", str("r\u0000"))),
            400,
            "control or invalid character"),
        post(
            "destruction: a version of 300 characters",
            start("KeyDestruction"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("version", str(repeat('1', 300))),
                var("reason", str("r"))),
            400,
            "at most 128"),
        post(
            "destruction: a requestedBy of 10,000 characters",
            start("KeyDestruction"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("version", "1"),
                var("reason", str("r")),
                var("requestedBy", str(repeat('u', 10_000)))),
            400,
            "at most 128"),
        post(
            "distribution: recipient as an Integer",
            start("KeyDistribution"),
            "alice",
            variables(var("alias", str(f.keyAlias())), typed("recipient", "7", "Integer", null)),
            400,
            "must be text"),
        post(
            "distribution: a versionId of 10,000 characters",
            start("KeyDistribution"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("recipient", str(f.recipient())),
                var("versionId", str(repeat('v', 10_000)))),
            400,
            "at most 128"),
        post(
            "distribution: an extra packageId variable",
            start("KeyDistribution"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("recipient", str(f.recipient())),
                var("packageId", str("p"))),
            400,
            "not part of a KeyDistribution request"),
        post(
            "compromise: alias as an Integer",
            start("KeyCompromise"),
            "alice",
            variables(
                typed("alias", "7", "Integer", null),
                var("versions", str("all")),
                var("reason", str("r"))),
            400,
            "must be text"),
        post(
            "compromise: a reason of 10,000 characters",
            start("KeyCompromise"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("versions", str("all")),
                var("reason", str(repeat('r', 10_000)))),
            400,
            "at most 2000"),
        post(
            "compromise: evidence containing NUL",
            start("KeyCompromise"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("versions", str("all")),
                var("reason", str("r")),
                var("evidence", str("seen\u0000here"))),
            400,
            "control or invalid character"),
        post(
            "compromise: an extra containedVersions variable",
            start("KeyCompromise"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("versions", str("all")),
                var("reason", str("r")),
                var("containedVersions", str("1"))),
            400,
            "not part of a KeyCompromise request"),
        post(
            "decrypt exception: alias as an Integer",
            start("KeyDecryptException"),
            "alice",
            variables(
                typed("alias", "7", "Integer", null),
                var("version", "1"),
                var("operation", str("decrypt")),
                var("hours", "4"),
                var("reason", str("r"))),
            400,
            "must be text"),
        post(
            "decrypt exception: a reason of 10,000 characters",
            start("KeyDecryptException"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("version", "1"),
                var("operation", str("decrypt")),
                var("hours", "4"),
                var("reason", str(repeat('r', 10_000)))),
            400,
            "at most 2000"),
        post(
            "decrypt exception: an extra expiresAt variable",
            start("KeyDecryptException"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("version", "1"),
                var("operation", str("decrypt")),
                var("hours", "4"),
                var("reason", str("r")),
                var("expiresAt", str("2099-01-01T00:00:00Z"))),
            400,
            "not part of a KeyDecryptException request"),
        refusedStart(
            "decrypt exception: operation encrypt ends on Exception refused",
            start("KeyDecryptException"),
            "alice",
            variables(
                var("alias", str(f.keyAlias())),
                var("version", "1"),
                var("operation", str("encrypt")),
                var("hours", "4"),
                var("reason", str("r"))),
            "EndEvent_ExceptionRefused"),
        post(
            "storage attestation: a reason of 5,000 characters",
            start("KeyStorageAttestation"),
            "bob",
            variables(var("reason", str(repeat('r', 5_000)))),
            400,
            "at most 2000"),
        post(
            "storage attestation: a findings variable",
            start("KeyStorageAttestation"),
            "bob",
            variables(var("findings", str("all fine"))),
            400,
            "not part of a KeyStorageAttestation request"),
        post(
            "rotation sweep: started with a variable",
            start("RotationSweep"),
            "admin",
            variables(var("leadTime", str("P999D"))),
            400,
            "takes no variables"),
        post(
            "destruction sweep: started with a variable",
            start("DestructionSweep"),
            "admin",
            variables(var("alias", str(f.keyAlias()))),
            400,
            "takes no variables"),
        post(
            "storage attestation schedule: started with a variable",
            start("StorageAttestationSchedule"),
            "admin",
            variables(var("requestedBy", str("system:x"))),
            400,
            "takes no variables"),
        post(
            "approval: completed by the requester, an engineer",
            task + "/complete",
            "alice",
            variables(var("approved", "true")),
            403,
            ""),
        post(
            "approval: completed by an auditor",
            task + "/complete",
            "dave",
            variables(var("approved", "true")),
            403,
            ""),
        post(
            "approval: completing a task that does not exist",
            "/engine-rest/task/no-such-task/complete",
            "bob",
            variables(var("approved", "true")),
            404,
            "no open task with this id"),
        send(
            "approval: deleted by an engineer",
            "DELETE",
            task,
            "alice",
            null,
            null,
            400,
            "cannot be deleted"),
        send(
            "approval: deleted by an officer",
            "DELETE",
            task,
            "bob",
            null,
            null,
            400,
            "cannot be deleted"),
        send(
            "approval: deleted by the administrator",
            "DELETE",
            task,
            "admin",
            null,
            null,
            400,
            "cannot be deleted"),
        post(
            "approval: a Java-serialized Object variable",
            task + "/complete",
            "bob",
            variables(
                var("approved", "true"),
                typed("comment", str("rO0ABXQAA2FiYw=="), "Object", JAVA_SERIALIZED)),
            400,
            "'comment' is a serialized object"),
        post(
            "approval: a rejection without a comment",
            task + "/complete",
            "bob",
            variables(var("approved", "false")),
            400,
            "comment"),
        post(
            "approval: variables is not an object",
            task + "/complete",
            "bob",
            "{\"variables\":[1,2]}",
            400,
            "Field 'variables'"),
        post(
            "approval: claimed by an engineer",
            task + "/claim",
            "alice",
            object("userId", str("alice")),
            403,
            ""),
        send(
            "approval: a task variable of 10,000 characters set by an officer",
            "PUT",
            task + "/variables/note",
            "bob",
            BadInput.JSON,
            BadInput.bytes(object("value", str(repeat('n', 10_000)))),
            400,
            "[note]"),
        send(
            "approval: a task variable set by an engineer",
            "PUT",
            task + "/variables/approved",
            "alice",
            BadInput.JSON,
            BadInput.bytes(object("value", "true")),
            400,
            "[approved]"),
        send(
            "process instance: a variable set by an engineer",
            "PUT",
            "/engine-rest/process-instance/" + f.instanceId() + "/variables/alias",
            "alice",
            BadInput.JSON,
            BadInput.bytes(object("value", str("other-key"))),
            400,
            "[alias]"),
        post(
            "message: an engineer correlates the pickup message",
            "/engine-rest/message",
            "alice",
            object(
                "messageName", str("KeyPackagePickedUp"), "processInstanceId", str(f.instanceId())),
            403,
            ApprovalBadInputs.SENT_BY_KEYFLOW_ONLY),
        post(
            "message: a message nobody waits for",
            "/engine-rest/message",
            "bob",
            object("messageName", str("NoSuchMessage")),
            403,
            ApprovalBadInputs.SENT_BY_KEYFLOW_ONLY),
        get(
            "task query with a malformed date",
            "/engine-rest/task?createdAfter=yesterday",
            "bob",
            400,
            "Cannot convert value"));
  }
}
