package io.keyflow.security;

import java.nio.file.Path;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Creates Keyflow's groups and their authorizations at every start (idempotently), and outside the
 * {@code production} profile the demo users. Their password is {@code KEYFLOW_DEMO_PASSWORD} when
 * set; otherwise a random one kept in {@code keyflow.demo.password-file} (owner-only, generated on
 * the first start and reused after), whose path — never the password — the log names.
 */
@Component
@Order(0)
class IdentitySetup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

  record DemoUser(String id, String firstName, Role role) {}

  static final DemoUser[] DEMO_USERS = {
    new DemoUser("alice", "Alice", Role.SECURITY_ENGINEERING),
    new DemoUser("bob", "Bob", Role.SECURITY_OFFICER),
    new DemoUser("carol", "Carol", Role.SECURITY_OFFICER),
    new DemoUser("dave", "Dave", Role.AUDITOR),
    new DemoUser("app", "Payments app", Role.KEY_USER),
    new DemoUser("admin", "Admin", Role.ADMIN),
  };

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final Environment environment;
  private final String demoPassword;
  private final Path demoPasswordFile;
  private final String adminId;
  private final String adminPassword;

  IdentitySetup(
      IdentityService identityService,
      AuthorizationService authorizationService,
      Environment environment,
      @Value("${KEYFLOW_DEMO_PASSWORD:}") String demoPassword,
      @Value("${keyflow.demo.password-file:./data/demo-password}") Path demoPasswordFile,
      @Value("${keyflow.first-admin.id:${KEYFLOW_ADMIN_ID:}}") String adminId,
      @Value("${KEYFLOW_ADMIN_PASSWORD:}") String adminPassword) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.environment = environment;
    this.demoPassword = demoPassword;
    this.demoPasswordFile = demoPasswordFile;
    this.adminId = adminId;
    this.adminPassword = adminPassword;
  }

  @Override
  public void run(ApplicationArguments args) {
    createGroups();
    GroupAuthorizations.apply(authorizationService);
    if (environment.acceptsProfiles(Profiles.of("production"))) {
      FirstAdministrator.ensure(identityService, adminId, adminPassword);
    } else {
      seedDemoUsers();
    }
  }

  private void createGroups() {
    for (Role role : Role.values()) {
      if (identityService.createGroupQuery().groupId(role.groupId()).singleResult() == null) {
        Group group = identityService.newGroup(role.groupId());
        group.setName(
            role.name().charAt(0) + role.name().substring(1).toLowerCase().replace('_', ' '));
        group.setType(role == Role.ADMIN ? "SYSTEM" : "WORKFLOW");
        identityService.saveGroup(group);
      }
    }
  }

  private void seedDemoUsers() {
    boolean generated = demoPassword.isBlank();
    String password = generated ? DemoPasswordFile.readOrCreate(demoPasswordFile) : demoPassword;
    for (DemoUser demo : DEMO_USERS) {
      User user = identityService.createUserQuery().userId(demo.id()).singleResult();
      if (user == null) {
        user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName("(demo)");
        user.setEmail(demo.id() + "@keyflow.demo");
      }
      user.setPassword(password);
      identityService.saveUser(user);
      if (identityService
              .createUserQuery()
              .userId(demo.id())
              .memberOfGroup(demo.role().groupId())
              .count()
          == 0) {
        identityService.createMembership(demo.id(), demo.role().groupId());
      }
    }
    if (generated) {
      log.warn(
          "Demo users alice (engineering), bob and carol (officers), dave (auditor), app (key user) and"
              + " admin: their password is in {} (set KEYFLOW_DEMO_PASSWORD to choose it)",
          demoPasswordFile.toAbsolutePath());
    } else {
      log.info(
          "Demo users alice, bob, carol, dave, app and admin use the password from KEYFLOW_DEMO_PASSWORD");
    }
  }
}
