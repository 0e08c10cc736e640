package io.keyflow.kmip.protocol;

/**
 * A batch item that fails: answered with Result Status "Operation Failed", this reason and this
 * message, while the other items of the batch are answered on their own. The message is read by a
 * client's operator: it says why and what to do, and never carries key material.
 */
public final class KmipFailure extends RuntimeException {

  private final ResultReason reason;

  public KmipFailure(ResultReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public ResultReason reason() {
    return reason;
  }
}
