package io.keyflow.shared;

/**
 * The shape of every refusal in Keyflow: one reason out of a closed set (mapped to an HTTP status
 * or a BPMN error code by whoever answers the caller) and a sentence saying which rule was broken
 * and what to do instead. Nothing was changed when one is thrown. Subclasses name their set of
 * reasons and return it typed from {@code kind()}; Java allows no generic exceptions.
 */
public abstract class Refused extends RuntimeException {

  private final Enum<?> reason;

  protected Refused(Enum<?> reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The reason as a problem type's last segment, e.g. {@code not-found}. */
  public String problemType() {
    return reason.name().toLowerCase().replace('_', '-');
  }

  protected Enum<?> reason() {
    return reason;
  }
}
