package io.keyflow.kmip.ttlv;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One TTLV item: a tag, a type and a value. A {@link Structure} holds items in order; the others
 * hold one value each. Values are held as read, so an item decoded and encoded again gives the same
 * bytes.
 */
public sealed interface Ttlv {

  int tag();

  ItemType type();

  static Structure structure(int tag, List<Ttlv> items) {
    return new Structure(tag, items);
  }

  static Structure structure(int tag, Ttlv... items) {
    return new Structure(tag, List.of(items));
  }

  /** A structure: the concatenation of its items, in order. */
  record Structure(int tag, List<Ttlv> items) implements Ttlv {
    public Structure {
      items = List.copyOf(items);
    }

    @Override
    public ItemType type() {
      return ItemType.STRUCTURE;
    }

    /** The first item with this tag, if any. */
    public Optional<Ttlv> first(int itemTag) {
      return items.stream().filter(i -> i.tag() == itemTag).findFirst();
    }

    /** Every item with this tag, in order. */
    public List<Ttlv> all(int itemTag) {
      return items.stream().filter(i -> i.tag() == itemTag).toList();
    }
  }

  /** A signed 32-bit integer. */
  record IntegerItem(int tag, int value) implements Ttlv {
    @Override
    public ItemType type() {
      return ItemType.INTEGER;
    }
  }

  /** A signed 64-bit integer. */
  record LongItem(int tag, long value) implements Ttlv {
    @Override
    public ItemType type() {
      return ItemType.LONG_INTEGER;
    }
  }

  /** An arbitrary-precision two's-complement integer. */
  record BigIntegerItem(int tag, BigInteger value) implements Ttlv {
    @Override
    public ItemType type() {
      return ItemType.BIG_INTEGER;
    }
  }

  /** An enumeration: an unsigned 32-bit value, held in an int (extension values are negative). */
  record EnumItem(int tag, int value) implements Ttlv {
    @Override
    public ItemType type() {
      return ItemType.ENUMERATION;
    }
  }

  record BooleanItem(int tag, boolean value) implements Ttlv {
    @Override
    public ItemType type() {
      return ItemType.BOOLEAN;
    }
  }

  /** UTF-8 text. */
  record TextItem(int tag, String value) implements Ttlv {
    @Override
    public ItemType type() {
      return ItemType.TEXT_STRING;
    }
  }

  /**
   * Bytes, compared by content. {@link #toString()} prints only the length: a byte string may be
   * key material, which never reaches a log.
   */
  record BytesItem(int tag, byte[] value) implements Ttlv {
    public BytesItem {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public ItemType type() {
      return ItemType.BYTE_STRING;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof BytesItem b && b.tag == tag && Arrays.equals(b.value, value);
    }

    @Override
    public int hashCode() {
      return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "BytesItem[tag=" + Tag.hex(tag) + ", " + value.length + " bytes]";
    }

    /** The bytes in hex, for values that are identifiers rather than secrets. */
    public String hex() {
      return HexFormat.of().formatHex(value);
    }
  }

  /** A point in time: signed seconds since the POSIX epoch. */
  record DateTimeItem(int tag, long epochSeconds) implements Ttlv {
    public static DateTimeItem of(int tag, Instant at) {
      return new DateTimeItem(tag, at.getEpochSecond());
    }

    @Override
    public ItemType type() {
      return ItemType.DATE_TIME;
    }
  }

  /** A duration in seconds: an unsigned 32-bit value. */
  record IntervalItem(int tag, long seconds) implements Ttlv {
    public IntervalItem {
      if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
        throw new TtlvException("An interval is 0 to 4294967295 seconds, not " + seconds);
      }
    }

    @Override
    public ItemType type() {
      return ItemType.INTERVAL;
    }
  }
}
