package io.keyflow.storage.camunda;

import static io.keyflow.storage.KeyStorageAttestationProcess.*;

import io.keyflow.approval.ApprovalRefusal;
import io.keyflow.security.Role;
import io.keyflow.storage.StorageAttestationService;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Guards the attestation task: only an authenticated security officer attests (completing the task
 * is the attestation: one click when clean), and when drift was found the comment must say what is
 * being done about it. Sets {@code attestedBy} from the authentication, never from the form. A
 * refusal keeps the task open (403 / 400 through the engine's refusal translation).
 */
@Component("attestationListener")
class AttestationTaskListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable(VAR_COMMENT);
      task.getExecution().removeVariable(VAR_ATTESTED_BY);
      return;
    }
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      return;
    }
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new ApprovalRefusal(
          ApprovalRefusal.Kind.FORBIDDEN,
          "An attestation must be completed by an authenticated security officer");
    }
    String officer = authentication.getUserId();
    List<String> groups =
        authentication.getGroupIds() != null && !authentication.getGroupIds().isEmpty()
            ? authentication.getGroupIds()
            : identity.createGroupQuery().groupMember(officer).list().stream()
                .map(Group::getId)
                .toList();
    if (!groups.contains(Role.SECURITY_OFFICER.groupId())) {
      throw new ApprovalRefusal(
          ApprovalRefusal.Kind.FORBIDDEN,
          officer + " is not a security officer and cannot attest key storage");
    }
    Object comment = task.getVariable(VAR_COMMENT);
    if (comment != null && !(comment instanceof String)) {
      throw new ApprovalRefusal(ApprovalRefusal.Kind.INVALID, "The comment must be text");
    }
    String text = comment == null ? "" : ((String) comment).strip();
    if (Boolean.TRUE.equals(task.getVariable(VAR_DRIFT_DETECTED)) && text.isEmpty()) {
      throw new ApprovalRefusal(
          ApprovalRefusal.Kind.INVALID,
          "Drift was found: the comment must say what is being done about each finding before you attest");
    }
    if (text.length() > StorageAttestationService.MAX_COMMENT) {
      throw new ApprovalRefusal(
          ApprovalRefusal.Kind.INVALID,
          "The comment is longer than " + StorageAttestationService.MAX_COMMENT + " characters");
    }
    task.setVariable(VAR_COMMENT, text);
    task.setVariable(VAR_ATTESTED_BY, officer);
  }
}
