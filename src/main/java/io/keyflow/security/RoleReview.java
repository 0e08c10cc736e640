package io.keyflow.security;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.springframework.stereotype.Component;

/**
 * Reads who holds the roles that can change or approve key state — security officers, security
 * engineering and administrators — and their engine authorizations. Must run without an
 * authenticated user (a job), since it reads every user and authorization.
 */
@Component
public class RoleReview {

  /** The roles reviewed, in the order they are reported. */
  static final List<Role> REVIEWED =
      List.of(Role.SECURITY_OFFICER, Role.SECURITY_ENGINEERING, Role.ADMIN);

  private final IdentityService identity;
  private final AuthorizationService authorizations;

  RoleReview(IdentityService identity, AuthorizationService authorizations) {
    this.identity = identity;
    this.authorizations = authorizations;
  }

  /**
   * The user ids in one role's group now, sorted, whoever asks: the engine filters identity queries
   * by the caller's authorizations, and an auditor checking who may approve cannot read users.
   */
  public List<String> members(Role role) {
    org.camunda.bpm.engine.impl.identity.Authentication caller =
        identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return identity.createUserQuery().memberOfGroup(role.groupId()).list().stream()
          .map(User::getId)
          .sorted()
          .toList();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  public List<RoleMembership> review() {
    return REVIEWED.stream().map(this::review).toList();
  }

  private RoleMembership review(Role role) {
    List<String> members =
        identity.createUserQuery().memberOfGroup(role.groupId()).list().stream()
            .map(User::getId)
            .sorted()
            .toList();
    List<String> groupAuthorizations =
        authorizations.createAuthorizationQuery().groupIdIn(role.groupId()).list().stream()
            .map(RoleReview::describe)
            .sorted()
            .toList();
    Map<String, List<String>> userAuthorizations = new TreeMap<>();
    for (String member : members) {
      List<String> own =
          authorizations.createAuthorizationQuery().userIdIn(member).list().stream()
              .map(RoleReview::describe)
              .sorted()
              .toList();
      if (!own.isEmpty()) {
        userAuthorizations.put(member, own);
      }
    }
    return new RoleMembership(role.groupId(), members, groupAuthorizations, userAuthorizations);
  }

  /** e.g. {@code GRANT ProcessDefinition * CREATE_INSTANCE,READ}. */
  static String describe(Authorization authorization) {
    String type =
        switch (authorization.getAuthorizationType()) {
          case Authorization.AUTH_TYPE_GLOBAL -> "GLOBAL";
          case Authorization.AUTH_TYPE_REVOKE -> "REVOKE";
          default -> "GRANT";
        };
    var resource = ResourceTypeUtil.getResourceByType(authorization.getResourceType());
    Permission[] known =
        ResourceTypeUtil.getPermissionsByResourceType(authorization.getResourceType());
    Permission[] held = authorization.getPermissions(known == null ? Permissions.values() : known);
    String permissions =
        Arrays.stream(held)
            .map(Permission::getName)
            .filter(name -> !"NONE".equals(name))
            .sorted()
            .reduce((a, b) -> a + "," + b)
            .orElse("NONE");
    if (Arrays.stream(held).anyMatch(p -> "ALL".equals(p.getName()))) {
      permissions = "ALL";
    }
    return type
        + " "
        + (resource == null
            ? "resource-" + authorization.getResourceType()
            : resource.resourceName())
        + " "
        + authorization.getResourceId()
        + " "
        + permissions;
  }
}
