package io.keyflow.access;

import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Grants over REST: engineering requests one (the KeyAccessGrant process, approved in Tasklist),
 * officers revoke, and engineering, officers and auditors read them with their usage — by system,
 * key or state, and per key at {@code /api/keys/{alias}/grants}.
 */
@RestController
class AccessController {

  /**
   * A grant request. {@code operations} is a list or one comma-separated text; either {@code alias}
   * or {@code keyGroup}; for {@code create} neither, with {@code createAllowance} and {@code
   * createPurpose}.
   */
  record GrantRequestBody(
      String system,
      String alias,
      String keyGroup,
      Object operations,
      String duration,
      String justification,
      Integer createAllowance,
      String createPurpose) {}

  record Requested(String processInstanceId, String grantId, String state, String approvalTask) {}

  record RevokeBody(String reason) {}

  record GrantView(
      UUID id,
      String system,
      String key,
      String keyGroup,
      List<String> operations,
      String state,
      String justification,
      String requestedBy,
      Instant requestedAt,
      String approvedBy,
      Instant approvedAt,
      Instant expiresAt,
      Instant endedAt,
      String endedBy,
      String endReason,
      Instant lastReviewedAt,
      String processInstanceId,
      List<GrantUsage.Line> usage) {

    static GrantView of(Grant g, List<GrantUsage.Line> usage) {
      return new GrantView(
          g.id(),
          g.system(),
          g.keyAlias(),
          g.keyGroup(),
          g.operations().stream().map(AccessOperation::wireName).toList(),
          g.state().name(),
          g.justification(),
          g.requestedBy(),
          g.requestedAt(),
          g.approvedBy(),
          g.approvedAt(),
          g.expiresAt(),
          g.endedAt(),
          g.endedBy(),
          g.endReason(),
          g.lastReviewedAt(),
          g.processInstanceId(),
          usage);
    }
  }

  private final Grants grants;
  private final GrantUsage usage;
  private final AccessProcesses processes;
  private final AccessGuard access;

  AccessController(Grants grants, GrantUsage usage, AccessProcesses processes, AccessGuard access) {
    this.grants = grants;
    this.usage = usage;
    this.processes = processes;
    this.access = access;
  }

  @PostMapping("/api/access/grants")
  ResponseEntity<?> request(@RequestBody GrantRequestBody body) {
    access.require(Role.SECURITY_ENGINEERING);
    Map<String, Object> variables = new HashMap<>();
    put(variables, KeyAccessGrantProcess.VAR_SYSTEM, body.system());
    put(variables, KeyAccessGrantProcess.VAR_ALIAS, body.alias());
    put(variables, KeyAccessGrantProcess.VAR_KEY_GROUP, body.keyGroup());
    put(variables, KeyAccessGrantProcess.VAR_OPERATIONS, operations(body.operations()));
    put(variables, KeyAccessGrantProcess.VAR_DURATION, body.duration());
    put(variables, KeyAccessGrantProcess.VAR_JUSTIFICATION, body.justification());
    put(
        variables,
        KeyAccessGrantProcess.VAR_CREATE_ALLOWANCE,
        body.createAllowance() == null ? null : body.createAllowance().toString());
    put(variables, KeyAccessGrantProcess.VAR_CREATE_PURPOSE, body.createPurpose());
    AccessProcesses.Started started = processes.requestGrant(variables);
    if (started.refusalReason() != null) {
      // The refusal is recorded (KEY_ACCESS_REFUSED) and the instance ended on "Grant refused".
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.UNPROCESSABLE_ENTITY, started.refusalReason());
      problem.setTitle("Request refused");
      problem.setProperty("processInstanceId", started.processInstanceId());
      return ResponseEntity.unprocessableEntity().body(problem);
    }
    Object grantId = started.variables().get(KeyAccessGrantProcess.VAR_GRANT_ID);
    return ResponseEntity.created(URI.create("/api/access/grants/" + grantId))
        .body(
            new Requested(
                started.processInstanceId(),
                String.valueOf(grantId),
                GrantState.REQUESTED.name(),
                "Approve access of "
                    + started.variables().get(KeyAccessGrantProcess.VAR_SYSTEM)
                    + " to "
                    + started.variables().get(KeyAccessGrantProcess.VAR_TARGET)));
  }

  @GetMapping("/api/access/grants")
  List<GrantView> grants(
      @RequestParam(required = false) String system,
      @RequestParam(required = false) String key,
      @RequestParam(required = false) String state,
      @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return grants.find(blankToNull(system), blankToNull(key), state(state), limit).stream()
        .map(g -> GrantView.of(g, usage.of(g)))
        .toList();
  }

  @GetMapping("/api/access/grants/{id}")
  GrantView grant(@PathVariable UUID id) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    Grant grant = grants.find(id).orElseThrow(() -> new Refusal(Kind.NOT_FOUND, "No grant " + id));
    return GrantView.of(grant, usage.of(grant));
  }

  /** Who may use a key: its grants (direct and through groups), newest first, with usage. */
  @GetMapping("/api/keys/{alias}/grants")
  List<GrantView> grantsOfKey(
      @PathVariable String alias, @RequestParam(required = false) String state) {
    return grants(null, alias, state, 1000);
  }

  @PostMapping("/api/access/grants/{id}/revoke")
  GrantView revoke(@PathVariable UUID id, @RequestBody RevokeBody body) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    Grant revoked = grants.revoke(id, body == null ? null : body.reason(), officer);
    return GrantView.of(revoked, usage.of(revoked));
  }

  private static GrantState state(String state) {
    if (state == null || state.isBlank()) {
      return null;
    }
    try {
      return GrantState.valueOf(state.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "state must be one of " + List.of(GrantState.values()));
    }
  }

  private static String operations(Object value) {
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return value == null ? null : value.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static void put(Map<String, Object> variables, String name, Object value) {
    if (value != null) {
      variables.put(name, value);
    }
  }
}
