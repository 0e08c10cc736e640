package io.keyflow.ledger;

/**
 * A page of ledger entries in sequence order, optionally narrowed to a key alias or a process
 * instance. Page through a large ledger by passing the last seen {@code seq + 1} as {@code
 * fromSeq}.
 *
 * @param keyAlias only entries for this key alias, or null for any
 * @param processInstanceId only entries of this process instance, or null for any
 * @param fromSeq the smallest sequence to return (1 = from the start)
 * @param limit at most this many entries, 1 to {@link #MAX_LIMIT}
 */
public record LedgerQuery(String keyAlias, String processInstanceId, long fromSeq, int limit) {

  public static final int MAX_LIMIT = 1000;

  public LedgerQuery {
    if (fromSeq < 1) {
      fromSeq = 1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  /** The first {@code limit} entries of the whole ledger. */
  public static LedgerQuery all(int limit) {
    return new LedgerQuery(null, null, 1, limit);
  }

  public static LedgerQuery forKeyAlias(String keyAlias, int limit) {
    return new LedgerQuery(keyAlias, null, 1, limit);
  }

  public static LedgerQuery forProcessInstance(String processInstanceId, int limit) {
    return new LedgerQuery(null, processInstanceId, 1, limit);
  }

  /** The same query starting at {@code seq}. */
  public LedgerQuery from(long seq) {
    return new LedgerQuery(keyAlias, processInstanceId, seq, limit);
  }
}
