package io.keyflow.kmip.ttlv;

import java.util.Optional;

/** The TTLV item types of KMIP 1.x (specification section 9.1.1.2), with their type byte. */
public enum ItemType {
  STRUCTURE(0x01),
  INTEGER(0x02),
  LONG_INTEGER(0x03),
  BIG_INTEGER(0x04),
  ENUMERATION(0x05),
  BOOLEAN(0x06),
  TEXT_STRING(0x07),
  BYTE_STRING(0x08),
  DATE_TIME(0x09),
  INTERVAL(0x0A);

  private final int code;

  ItemType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type's name as the specification writes it, e.g. {@code Long Integer}. */
  public String title() {
    StringBuilder title = new StringBuilder();
    for (String word : name().split("_")) {
      title
          .append(title.length() == 0 ? "" : " ")
          .append(word.charAt(0))
          .append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return title.toString();
  }

  public static Optional<ItemType> of(int code) {
    for (ItemType type : values()) {
      if (type.code == code) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
