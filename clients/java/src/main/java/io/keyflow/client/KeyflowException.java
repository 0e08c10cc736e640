package io.keyflow.client;

/**
 * Keyflow refused a request: the HTTP status and the problem details' type and detail, e.g. 403
 * {@code not-granted} when the system holds no grant, 409 when the key version's state does not
 * allow the operation, 422 for bad input (the detail names the field).
 */
public class KeyflowException extends RuntimeException {

  private final int status;
  private final String type;

  public KeyflowException(int status, String type, String detail) {
    super(status + (type == null ? "" : " " + type) + (detail == null ? "" : ": " + detail));
    this.status = status;
    this.type = type;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The problem type (the last segment of its URI), or null. */
  public String type() {
    return type;
  }
}
