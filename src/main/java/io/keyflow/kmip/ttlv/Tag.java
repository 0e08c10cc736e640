package io.keyflow.kmip.ttlv;

/**
 * The KMIP 1.x tags Keyflow reads or writes (specification section 9.1.3.1). A tag is three bytes:
 * {@code 0x42xxxx} for the specification's, {@code 0x54xxxx} for extensions. Tags may be added here
 * as operations need them; a value never changes.
 */
public final class Tag {

  public static final int ASYNCHRONOUS_INDICATOR = 0x420007;
  public static final int AUTHENTICATION = 0x42000C;
  public static final int BATCH_COUNT = 0x42000D;
  public static final int BATCH_ERROR_CONTINUATION_OPTION = 0x42000E;
  public static final int BATCH_ITEM = 0x42000F;
  public static final int BATCH_ORDER_OPTION = 0x420010;
  public static final int CRITICALITY_INDICATOR = 0x420026;
  public static final int MAXIMUM_RESPONSE_SIZE = 0x420050;
  public static final int MESSAGE_EXTENSION = 0x420051;
  public static final int OBJECT_TYPE = 0x420057;
  public static final int OPERATION = 0x42005C;
  public static final int PROTOCOL_VERSION = 0x420069;
  public static final int PROTOCOL_VERSION_MAJOR = 0x42006A;
  public static final int PROTOCOL_VERSION_MINOR = 0x42006B;
  public static final int QUERY_FUNCTION = 0x420074;
  public static final int REQUEST_HEADER = 0x420077;
  public static final int REQUEST_MESSAGE = 0x420078;
  public static final int REQUEST_PAYLOAD = 0x420079;
  public static final int RESPONSE_HEADER = 0x42007A;
  public static final int RESPONSE_MESSAGE = 0x42007B;
  public static final int RESPONSE_PAYLOAD = 0x42007C;
  public static final int RESULT_MESSAGE = 0x42007D;
  public static final int RESULT_REASON = 0x42007E;
  public static final int RESULT_STATUS = 0x42007F;
  public static final int SERVER_INFORMATION = 0x420088;
  public static final int TIME_STAMP = 0x420092;
  public static final int UNIQUE_BATCH_ITEM_ID = 0x420093;
  public static final int UNIQUE_IDENTIFIER = 0x420094;
  public static final int VENDOR_IDENTIFICATION = 0x42009D;
  public static final int ATTESTATION_CAPABLE_INDICATOR = 0x4200D3;
  public static final int CLIENT_CORRELATION_VALUE = 0x420105;
  public static final int SERVER_CORRELATION_VALUE = 0x420106;

  /** Keyflow's own extension tags (0x54xxxx), inside Server Information. */
  public static final int KEYFLOW_SERVER_NAME = 0x540001;

  public static final int KEYFLOW_SERVER_POLICY = 0x540002;

  private Tag() {}

  /** A tag as the specification prints it, e.g. {@code 0x42000F}. */
  public static String hex(int tag) {
    return String.format("0x%06X", tag);
  }
}
