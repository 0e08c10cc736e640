package io.keyflow.crypto;

import io.keyflow.shared.Refusal;
import java.util.Base64;

/** Binary request fields travel as base64; a refusal names the field that is not. */
final class Base64Fields {

  private Base64Fields() {}

  static byte[] decode(String field, String value, boolean required) {
    if (value == null) {
      if (required) {
        throw new Refusal(Refusal.Kind.INVALID_REQUEST, field + " is required (base64)");
      }
      return null;
    }
    try {
      return Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new Refusal(Refusal.Kind.INVALID_REQUEST, field + " is not valid base64");
    }
  }

  static String encode(byte[] bytes) {
    return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
  }
}
