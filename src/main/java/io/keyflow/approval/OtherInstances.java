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

  /**
   * Whether another running instance has {@code variable} with this value, whatever its business
   * key: for a subject no business key names, such as one key version a campaign lists. The
   * engine's answer ({@code engine.ProcessSupport#otherInstances}) and {@link #NONE} give it; an
   * answer written as a lambda knows business keys only and refuses to guess.
   *
   * @throws UnsupportedOperationException when this answer was not given one
   */
  default boolean runningWith(String variable, Object value) {
    throw new UnsupportedOperationException(
        "This answer to 'another instance running?' knows business keys only");
  }

  /** For callers outside a process (a campaign's checks of its keys): nothing else runs. */
  OtherInstances NONE =
      new OtherInstances() {
        @Override
        public boolean running(String businessKey, String variable, Object value) {
          return false;
        }

        @Override
        public boolean runningWith(String variable, Object value) {
          return false;
        }
      };
}
