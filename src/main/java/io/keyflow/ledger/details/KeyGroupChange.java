package io.keyflow.ledger.details;

/**
 * {@code KEY_GROUP_CREATED}, {@code KEY_GROUP_KEY_ADDED} and {@code KEY_GROUP_KEY_REMOVED}: an
 * officer's change of a key group. Adding a key extends every grant on the group to it, so the
 * entry says how many live grants that reached.
 *
 * @param keyAlias the key added or removed, or null for the group's creation
 * @param liveGrants how many live grants on the group the change reached
 */
public record KeyGroupChange(
    String group, String environment, String description, String keyAlias, Integer liveGrants)
    implements LedgerDetails {}
