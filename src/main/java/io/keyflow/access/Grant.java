package io.keyflow.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One grant: a system may use a key (or every key of a key group) for some operations until {@code
 * expiresAt}, as an officer approved.
 *
 * @param keyAlias the key's alias, or null for a group grant
 * @param keyGroup the key group, or null for a single key
 */
public record Grant(
    UUID id,
    UUID systemId,
    String system,
    UUID keyId,
    String keyAlias,
    String keyGroup,
    List<AccessOperation> operations,
    Integer createAllowance,
    String createPurpose,
    GrantState state,
    String justification,
    String requestedBy,
    Instant requestedAt,
    Instant expiresAt,
    String approvedBy,
    Instant approvedAt,
    Long requestSeq,
    Long approvalSeq,
    Instant endedAt,
    String endedBy,
    String endReason,
    Instant lastReviewedAt,
    String processInstanceId) {

  public Grant {
    operations = List.copyOf(operations);
  }

  /** What the grant is on: the key's alias, or {@code @<name>} for a key group. */
  public String target() {
    return keyGroup != null ? "@" + keyGroup : keyAlias != null ? keyAlias : "create";
  }

  /** Whether the grant lets its system use a key for {@code operation} at {@code now}. */
  public boolean allows(AccessOperation operation, Instant now) {
    return state == GrantState.ACTIVE && now.isBefore(expiresAt) && operations.contains(operation);
  }
}
