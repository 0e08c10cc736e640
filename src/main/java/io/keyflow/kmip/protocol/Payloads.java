package io.keyflow.kmip.protocol;

import io.keyflow.kmip.ttlv.Tag;
import io.keyflow.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of request fields. Each refuses a missing required field (Missing Data), a field of
 * the wrong type or repeated where it may appear once (Invalid Field) with the field's name.
 */
public final class Payloads {

  private Payloads() {}

  public static Ttlv.Structure structure(Ttlv item, String name) {
    if (item instanceof Ttlv.Structure s) {
      return s;
    }
    throw wrongType(item, name, "a structure");
  }

  /** Refuses any item whose tag is not one of {@code allowed}. */
  public static void onlyTags(Ttlv.Structure s, String name, int... allowed) {
    Set<Integer> tags = new java.util.HashSet<>();
    for (int tag : allowed) {
      tags.add(tag);
    }
    for (Ttlv item : s.items()) {
      if (!tags.contains(item.tag())) {
        throw new KmipFailure(
            ResultReason.INVALID_FIELD,
            name + " does not take an item with tag " + Tag.hex(item.tag()));
      }
    }
  }

  public static int requiredInteger(Ttlv.Structure s, int tag, String name) {
    return optionalInteger(s, tag, name).orElseThrow(() -> missing(name));
  }

  public static Optional<Integer> optionalInteger(Ttlv.Structure s, int tag, String name) {
    return once(s, tag, name)
        .map(
            item -> {
              if (item instanceof Ttlv.IntegerItem i) {
                return i.value();
              }
              throw wrongType(item, name, "an integer");
            });
  }

  public static int requiredEnum(Ttlv.Structure s, int tag, String name) {
    return optionalEnum(s, tag, name).orElseThrow(() -> missing(name));
  }

  public static Optional<Integer> optionalEnum(Ttlv.Structure s, int tag, String name) {
    return once(s, tag, name).map(item -> enumValue(item, name));
  }

  /** Every enumeration with this tag, in order (for fields that may repeat). */
  public static List<Integer> enums(Ttlv.Structure s, int tag, String name) {
    List<Integer> values = new ArrayList<>();
    for (Ttlv item : s.all(tag)) {
      values.add(enumValue(item, name));
    }
    return values;
  }

  public static Optional<Boolean> optionalBoolean(Ttlv.Structure s, int tag, String name) {
    return once(s, tag, name)
        .map(
            item -> {
              if (item instanceof Ttlv.BooleanItem b) {
                return b.value();
              }
              throw wrongType(item, name, "a boolean");
            });
  }

  public static Optional<String> optionalText(Ttlv.Structure s, int tag, String name) {
    return once(s, tag, name)
        .map(
            item -> {
              if (item instanceof Ttlv.TextItem t) {
                return t.value();
              }
              throw wrongType(item, name, "a text string");
            });
  }

  public static Optional<Ttlv> once(Ttlv.Structure s, int tag, String name) {
    List<Ttlv> found = s.all(tag);
    if (found.size() > 1) {
      throw new KmipFailure(
          ResultReason.INVALID_FIELD, name + " appears " + found.size() + " times; at most once");
    }
    return found.stream().findFirst();
  }

  private static int enumValue(Ttlv item, String name) {
    if (item instanceof Ttlv.EnumItem e) {
      return e.value();
    }
    throw wrongType(item, name, "an enumeration");
  }

  private static KmipFailure missing(String name) {
    return new KmipFailure(ResultReason.MISSING_DATA, name + " is required");
  }

  private static KmipFailure wrongType(Ttlv item, String name, String expected) {
    return new KmipFailure(
        ResultReason.INVALID_FIELD,
        name + " must be " + expected + ", not a " + item.type().title());
  }
}
