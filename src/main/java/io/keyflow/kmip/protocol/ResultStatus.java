package io.keyflow.kmip.protocol;

/** KMIP Result Status values (section 9.1.3.2.28). Keyflow never answers Pending. */
public enum ResultStatus {
  SUCCESS(0x00),
  OPERATION_FAILED(0x01),
  OPERATION_PENDING(0x02),
  OPERATION_UNDONE(0x03);

  private final int code;

  ResultStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
