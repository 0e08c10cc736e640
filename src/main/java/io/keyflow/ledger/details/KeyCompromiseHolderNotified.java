package io.keyflow.ledger.details;

import java.util.List;

/**
 * {@code KEY_COMPROMISE_HOLDER_NOTIFIED}: a recipient holding a confirmed-compromised version was
 * told what to do.
 *
 * @param replacementVersion the version being distributed to it instead, or null
 */
public record KeyCompromiseHolderNotified(
    String recipient,
    List<Integer> compromisedVersions,
    Integer replacementVersion,
    String instruction)
    implements LedgerDetails {}
