package io.keyflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;

/**
 * The Camunda authorizations each Keyflow group holds. Engineering starts lifecycle processes and
 * reads them; officers work approval tasks (task rights come from the candidate group), read
 * history and start storage attestations; auditors read history and the operation log, nothing
 * else; admins hold everything.
 */
final class GroupAuthorizations {

  record Grant(Role role, Resource resource, String resourceId, List<Permission> permissions) {}

  private GroupAuthorizations() {}

  static List<Grant> grants() {
    List<Permission> readDefinitions =
        List.of(
            ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE,
            ProcessDefinitionPermissions.READ_HISTORY);
    return List.of(
        // Security engineering: start and follow lifecycle processes in Tasklist and over REST.
        new Grant(
            Role.SECURITY_ENGINEERING,
            Resources.APPLICATION,
            "tasklist",
            List.of(Permissions.ACCESS)),
        new Grant(Role.SECURITY_ENGINEERING, Resources.FILTER, ANY, List.of(Permissions.READ)),
        new Grant(
            Role.SECURITY_ENGINEERING,
            Resources.PROCESS_DEFINITION,
            ANY,
            List.of(
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.CREATE_INSTANCE)),
        new Grant(
            Role.SECURITY_ENGINEERING,
            Resources.PROCESS_INSTANCE,
            ANY,
            List.of(ProcessInstancePermissions.CREATE, ProcessInstancePermissions.READ)),
        new Grant(
            Role.SECURITY_ENGINEERING,
            Resources.HISTORIC_PROCESS_INSTANCE,
            ANY,
            List.of(HistoricProcessInstancePermissions.READ)),
        // Security officers: approval tasks in Tasklist, oversight in Cockpit.
        new Grant(
            Role.SECURITY_OFFICER, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)),
        new Grant(
            Role.SECURITY_OFFICER, Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)),
        new Grant(Role.SECURITY_OFFICER, Resources.FILTER, ANY, List.of(Permissions.READ)),
        new Grant(Role.SECURITY_OFFICER, Resources.PROCESS_DEFINITION, ANY, readDefinitions),
        new Grant(
            Role.SECURITY_OFFICER, Resources.PROCESS_INSTANCE, ANY, List.of(Permissions.READ)),
        new Grant(Role.SECURITY_OFFICER, Resources.DEPLOYMENT, ANY, List.of(Permissions.READ)),
        new Grant(
            Role.SECURITY_OFFICER,
            Resources.HISTORIC_PROCESS_INSTANCE,
            ANY,
            List.of(HistoricProcessInstancePermissions.READ)),
        new Grant(
            Role.SECURITY_OFFICER,
            Resources.HISTORIC_TASK,
            ANY,
            List.of(HistoricTaskPermissions.READ)),
        // Officers start a storage attestation and an access review on demand (and only those).
        new Grant(
            Role.SECURITY_OFFICER,
            Resources.PROCESS_DEFINITION,
            "KeyStorageAttestation",
            List.of(ProcessDefinitionPermissions.CREATE_INSTANCE)),
        new Grant(
            Role.SECURITY_OFFICER,
            Resources.PROCESS_DEFINITION,
            "AccessReview",
            List.of(ProcessDefinitionPermissions.CREATE_INSTANCE)),
        new Grant(
            Role.SECURITY_OFFICER,
            Resources.PROCESS_INSTANCE,
            ANY,
            List.of(ProcessInstancePermissions.CREATE)),
        // Anyone who may see a key may report it compromised (the report is contained at once and
        // decided by an officer other than the reporter): officers and auditors too.
        new Grant(
            Role.SECURITY_OFFICER,
            Resources.PROCESS_DEFINITION,
            "KeyCompromise",
            List.of(ProcessDefinitionPermissions.CREATE_INSTANCE)),
        new Grant(
            Role.AUDITOR,
            Resources.PROCESS_DEFINITION,
            "KeyCompromise",
            List.of(ProcessDefinitionPermissions.CREATE_INSTANCE)),
        new Grant(
            Role.AUDITOR,
            Resources.PROCESS_INSTANCE,
            ANY,
            List.of(ProcessInstancePermissions.CREATE)),
        new Grant(
            Role.SECURITY_OFFICER,
            Resources.OPERATION_LOG_CATEGORY,
            ANY,
            List.of(UserOperationLogCategoryPermissions.READ)),
        // Auditors: read-only review in Cockpit and over the history API.
        new Grant(Role.AUDITOR, Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)),
        new Grant(Role.AUDITOR, Resources.PROCESS_DEFINITION, ANY, readDefinitions),
        new Grant(Role.AUDITOR, Resources.PROCESS_INSTANCE, ANY, List.of(Permissions.READ)),
        new Grant(Role.AUDITOR, Resources.DEPLOYMENT, ANY, List.of(Permissions.READ)),
        new Grant(
            Role.AUDITOR,
            Resources.HISTORIC_PROCESS_INSTANCE,
            ANY,
            List.of(HistoricProcessInstancePermissions.READ)),
        new Grant(
            Role.AUDITOR, Resources.HISTORIC_TASK, ANY, List.of(HistoricTaskPermissions.READ)),
        new Grant(
            Role.AUDITOR,
            Resources.OPERATION_LOG_CATEGORY,
            ANY,
            List.of(UserOperationLogCategoryPermissions.READ)));
  }

  /** Writes the grants that are missing; existing ones are widened, never narrowed. */
  static void apply(AuthorizationService authorizations) {
    for (Grant grant : grants()) {
      upsert(
          authorizations,
          grant.role().groupId(),
          grant.resource(),
          grant.resourceId(),
          grant.permissions());
    }
    for (Resources resource : Resources.values()) {
      upsert(authorizations, Role.ADMIN.groupId(), resource, ANY, List.of(Permissions.ALL));
    }
  }

  private static void upsert(
      AuthorizationService authorizations,
      String groupId,
      Resource resource,
      String resourceId,
      List<Permission> permissions) {
    var existing =
        authorizations
            .createAuthorizationQuery()
            .groupIdIn(groupId)
            .resourceType(resource)
            .resourceId(resourceId)
            .authorizationType(AUTH_TYPE_GRANT)
            .singleResult();
    var authorization =
        existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    if (existing == null) {
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = existing == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
  }
}
