package io.keyflow.ledger.details;

import java.util.List;
import java.util.Map;

/**
 * {@code KEY_COMPROMISE_REPORTED}: a compromise report as contained, before any officer decided;
 * what confirmation and dismissal act on.
 *
 * @param evidence the reporter's evidence text, or null
 * @param versions the version numbers contained by this report
 * @param versionIds their ids, in the same order
 * @param previousStates by version number, the state each had before
 * @param alreadyCompromised named versions that were COMPROMISED already
 * @param primaryVersionId the key's primary version when reported
 * @param newestVersion the key's highest version number when reported
 * @param replacementVersionId when the primary was contained: the replacement's id, fixed now
 * @param replacementVersion when the primary was contained: the replacement's number
 * @param recipientsHolding recipients holding a contained version, sorted
 */
public record KeyCompromiseReported(
    String reason,
    String evidence,
    List<Integer> versions,
    List<String> versionIds,
    Map<String, String> previousStates,
    List<Integer> alreadyCompromised,
    String primaryVersionId,
    Integer newestVersion,
    String replacementVersionId,
    Integer replacementVersion,
    List<String> recipientsHolding)
    implements LedgerDetails {}
