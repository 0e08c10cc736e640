package io.keyflow.ledger.details;

import java.util.List;

/**
 * {@code KEY_ACCESS_REQUESTED}: a system asks to use a key (or every key of a key group) for some
 * operations, for a time. The entry names the key in its key columns; a group grant names the group
 * here instead.
 *
 * @param grantId the id the grant gets (fixed at the request, so every later entry names it)
 * @param system the system's name
 * @param systemId the system's id in the registry
 * @param keyGroup the key group the grant covers, or null for a single key
 * @param environment the environment of the system (and so of the key or group)
 * @param operations the operations asked for, lower case ({@code encrypt}, {@code decrypt}, ...)
 * @param duration how long the grant runs from its approval, ISO-8601 (e.g. {@code P90D})
 * @param createAllowance for {@code create}: how many keys the system may create, else null
 * @param createPurpose for {@code create}: the purpose of those keys, else null
 */
public record KeyAccessRequested(
    String grantId,
    String system,
    String systemId,
    String keyGroup,
    String environment,
    List<String> operations,
    String duration,
    String justification,
    Integer createAllowance,
    String createPurpose)
    implements LedgerDetails {}
