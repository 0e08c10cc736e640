package io.keyflow.security;

import io.keyflow.shared.StartupRefusal;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production profile's first administrator. Whoever reached Camunda Admin's setup page first
 * would otherwise create it; here it comes from the operator: {@code KEYFLOW_ADMIN_ID} and {@code
 * KEYFLOW_ADMIN_PASSWORD} in the environment (or {@code --keyflow.first-admin.id=…} on the command
 * line, with the password still from the environment, never from the command line where {@code ps}
 * shows it). Used once: when an administrator exists, nothing is created or changed.
 */
final class FirstAdministrator {

  private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);
  static final int MIN_PASSWORD_LENGTH = 12;

  private FirstAdministrator() {}

  static void ensure(IdentityService identity, String id, String password) {
    if (identity.createUserQuery().memberOfGroup(Role.ADMIN.groupId()).count() > 0) {
      return;
    }
    if (id == null || id.isBlank() || password == null || password.isEmpty()) {
      throw new StartupRefusal(
          "The production profile has no administrator yet and does not offer Camunda's setup"
              + " page.",
          "Set KEYFLOW_ADMIN_ID and KEYFLOW_ADMIN_PASSWORD for the first start.");
    }
    if (password.length() < MIN_PASSWORD_LENGTH) {
      throw new StartupRefusal(
          "KEYFLOW_ADMIN_PASSWORD is shorter than " + MIN_PASSWORD_LENGTH + " characters.",
          "Choose a longer password for the first administrator in KEYFLOW_ADMIN_PASSWORD.");
    }
    User user = identity.createUserQuery().userId(id.strip()).singleResult();
    if (user == null) {
      user = identity.newUser(id.strip());
      user.setFirstName(id.strip());
      user.setLastName("(administrator)");
      user.setPassword(password);
      try {
        identity.saveUser(user);
      } catch (ProcessEngineException e) {
        throw new StartupRefusal(
            "KEYFLOW_ADMIN_ID '" + id.strip() + "' is not a valid user id.",
            "Set KEYFLOW_ADMIN_ID (or keyflow.first-admin.id) to letters and digits only.",
            e);
      }
    }
    identity.createMembership(user.getId(), Role.ADMIN.groupId());
    log.info("First administrator '{}' created from KEYFLOW_ADMIN_ID", user.getId());
  }
}
