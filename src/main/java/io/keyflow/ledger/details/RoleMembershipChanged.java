package io.keyflow.ledger.details;

import java.util.List;

/**
 * {@code ROLE_MEMBERSHIP_CHANGED}: the custodian sweep saw members join or leave a recorded group.
 *
 * @param members the group's members now, sorted
 * @param firstSnapshot whether this is the first time the sweep saw the group
 */
public record RoleMembershipChanged(
    String group,
    List<String> added,
    List<String> removed,
    List<String> members,
    Boolean firstSnapshot)
    implements LedgerDetails {}
