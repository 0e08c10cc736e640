package io.keyflow.approval;

/**
 * Whether another running instance of the same process already works on a subject: the one way a
 * phase asks "is another request for this key in progress?". The workflow engine answers it (see
 * {@code engine.ProcessSupport#otherInstances}); the asking instance never counts. Phases ask it
 * after they hold the key's row lock, so two requests for one key are checked one after the other.
 */
@FunctionalInterface
public interface OtherInstances {

  /**
   * Whether another running instance has this business key (a key alias) and, when {@code variable}
   * is not null, that variable with this value.
   */
  boolean running(String businessKey, String variable, Object value);

  /** Whether another running instance has this business key. */
  default boolean running(String businessKey) {
    return running(businessKey, null, null);
  }

  /** For callers outside a process (a campaign's checks of its keys): nothing else runs. */
  OtherInstances NONE = (businessKey, variable, value) -> false;
}
