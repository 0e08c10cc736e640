package io.keyflow.destruction;

/**
 * The vault still holds a version after its destruction. Not a business outcome: the job fails, is
 * retried, and becomes a Cockpit incident when the retries are used up.
 */
class DestructionNotVerified extends IllegalStateException {

  public DestructionNotVerified(String message) {
    super(message);
  }
}
