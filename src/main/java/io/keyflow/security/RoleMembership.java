package io.keyflow.security;

import java.util.List;
import java.util.Map;

/**
 * Who holds one of Keyflow's roles and what the engine lets them do, for the storage attestation's
 * access review (procedure 4.3.2).
 *
 * @param group the role's group id, e.g. {@code security-officer}
 * @param members user ids in the group, sorted
 * @param groupAuthorizations the group's engine authorizations, e.g. {@code GRANT ProcessDefinition
 *     * CREATE_INSTANCE,READ}, sorted
 * @param userAuthorizations authorizations granted to individual members beyond the group's, by
 *     user id (only members that have any)
 */
public record RoleMembership(
    String group,
    List<String> members,
    List<String> groupAuthorizations,
    Map<String, List<String>> userAuthorizations) {}
