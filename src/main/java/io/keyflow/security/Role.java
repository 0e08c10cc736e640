package io.keyflow.security;

/**
 * Keyflow's groups, as Camunda identity group ids. {@link #KEY_USER} is for the systems (and
 * people) that use keys through the crypto API; it is kept apart from engineering, who manage keys,
 * so that managing a key never implies reading the data it protects (KMS "key administrator" vs
 * "key user").
 */
public enum Role {
  SECURITY_ENGINEERING("security-engineering"),
  SECURITY_OFFICER("security-officer"),
  AUDITOR("auditor"),
  KEY_USER("key-user"),
  ADMIN("camunda-admin");

  private final String groupId;

  Role(String groupId) {
    this.groupId = groupId;
  }

  public String groupId() {
    return groupId;
  }
}
