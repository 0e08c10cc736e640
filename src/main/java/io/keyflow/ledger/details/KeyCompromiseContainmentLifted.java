package io.keyflow.ledger.details;

import java.util.List;
import java.util.Map;

/**
 * {@code KEY_COMPROMISE_CONTAINMENT_LIFTED}: after a dismissal, which contained versions got their
 * previous state back and, for the others, why not.
 *
 * @param restoredTo by version number, the state restored
 * @param reportedBy who made the dismissed report
 */
public record KeyCompromiseContainmentLifted(
    List<Integer> restoredVersions,
    Map<String, String> restoredTo,
    List<String> notRestored,
    String reportedBy)
    implements LedgerDetails {}
