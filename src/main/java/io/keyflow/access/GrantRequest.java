package io.keyflow.access;

import io.keyflow.key.KeyPurpose;
import io.keyflow.key.ManagedKey;
import io.keyflow.recipient.Recipient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A grant request that passed every check: which system, which key (or key group, or neither for
 * {@code create} alone), which operations, for how long.
 *
 * @param key the key, or null for a group or a create-only grant
 * @param group the key group, or null
 * @param createPurpose for {@code create}: the purpose of the keys the system may create, else null
 */
public record GrantRequest(
    UUID grantId,
    Recipient system,
    ManagedKey key,
    KeyGroup group,
    List<AccessOperation> operations,
    Duration duration,
    String justification,
    Integer createAllowance,
    KeyPurpose createPurpose) {

  public GrantRequest {
    operations = List.copyOf(operations);
  }

  /**
   * The key's alias, {@code @<name>} for a key group, or {@code create} for a create-only grant.
   */
  public String target() {
    return key != null ? key.alias() : group != null ? "@" + group.name() : "create";
  }

  public String operationNames() {
    return operations.stream().map(AccessOperation::wireName).collect(Collectors.joining(","));
  }

  public String owner() {
    return system.owner();
  }
}
