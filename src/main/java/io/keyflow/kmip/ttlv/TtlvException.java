package io.keyflow.kmip.ttlv;

/**
 * A TTLV encoding that cannot be decoded, or an item that cannot be encoded: the message says where
 * (byte offset, tag) and why, in words a client's developer can act on. Never carries item values.
 */
public final class TtlvException extends RuntimeException {

  public TtlvException(String message) {
    super(message);
  }

  static TtlvException at(int offset, int tag, String why) {
    return new TtlvException("at byte " + offset + " (tag " + Tag.hex(tag) + "): " + why);
  }
}
