package io.keyflow.ledger;

import org.springframework.stereotype.Component;

/**
 * Reads back what a lifecycle process recorded when its request was accepted.
 *
 * <p>The steps after an approval (generate, record, destroy) take the key and version ids from the
 * request's ledger entry, not from process variables: variables can be overwritten by whoever
 * completes a task, the ledger entry cannot be changed without the verifier noticing. So what the
 * officers approved is exactly what the HSM step acts on. The request's facts are the entry's
 * {@link LedgerEntry#details(Class) details record}.
 */
@Component
public class RequestEntries {

  private final Ledger ledger;

  RequestEntries(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * The {@code action} entry written by this process instance.
   *
   * @throws IllegalStateException when there is none: the process did not pass its checks
   */
  public LedgerEntry find(String processInstanceId, LedgerAction action) {
    return ledger.entriesForProcessInstance(processInstanceId).stream()
        .filter(entry -> entry.is(action))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Process instance "
                        + processInstanceId
                        + " has no "
                        + action
                        + " ledger entry"));
  }
}
