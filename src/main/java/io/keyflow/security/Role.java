package io.keyflow.security;

/** Keyflow's groups, as Camunda identity group ids. */
public enum Role {
  SECURITY_ENGINEERING("security-engineering"),
  SECURITY_OFFICER("security-officer"),
  AUDITOR("auditor"),
  ADMIN("camunda-admin");

  private final String groupId;

  Role(String groupId) {
    this.groupId = groupId;
  }

  public String groupId() {
    return groupId;
  }
}
