package io.keyflow.kmip.ttlv;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * KMIP's Tag-Type-Length-Value encoding (specification section 9.1): a 3-byte tag, a 1-byte type, a
 * 4-byte big-endian length of the value, then the value padded with zeros to a multiple of 8 bytes
 * (structures are the concatenation of their items and need no padding).
 *
 * <p>Decoding is strict and bounded, because its input comes from the network: a message longer
 * than {@link Limits#maxMessageBytes()}, a value longer than {@link Limits#maxItemBytes()},
 * structures nested deeper than {@link Limits#maxDepth()}, a length that runs past its parent, a
 * fixed-size type with another length, non-zero padding, a boolean other than 0 or 1, text that is
 * not UTF-8, an unknown type or a tag outside {@code 0x42xxxx}/{@code 0x54xxxx} are each refused
 * with a {@link TtlvException} that says where. Nothing is allocated beyond what the input holds.
 */
public final class TtlvCodec {

  /** The 8 bytes of tag, type and length before every value. */
  public static final int HEADER_BYTES = 8;

  /**
   * @param maxMessageBytes the longest whole message, header included
   * @param maxItemBytes the longest value of one non-structure item
   * @param maxDepth how deeply structures may nest (the message itself is depth 1)
   */
  public record Limits(int maxMessageBytes, int maxItemBytes, int maxDepth) {
    public Limits {
      if (maxMessageBytes < HEADER_BYTES || maxItemBytes < 8 || maxDepth < 1) {
        throw new IllegalArgumentException(
            "TTLV limits must allow at least one item: " + maxMessageBytes + "/" + maxItemBytes);
      }
    }
  }

  private final Limits limits;

  public TtlvCodec(Limits limits) {
    this.limits = limits;
  }

  public Limits limits() {
    return limits;
  }

  /** Decodes one whole item (a message); every byte must belong to it. */
  public Ttlv decode(byte[] bytes) {
    if (bytes.length > limits.maxMessageBytes()) {
      throw new TtlvException(
          "the message is "
              + bytes.length
              + " bytes; at most "
              + limits.maxMessageBytes()
              + " are accepted");
    }
    Reader reader = new Reader(bytes);
    Ttlv item = reader.item(bytes.length, 1);
    if (reader.offset != bytes.length) {
      throw new TtlvException(
          (bytes.length - reader.offset) + " bytes follow the end of the message's first item");
    }
    return item;
  }

  /**
   * The total length (header included) a message announces in its first 8 bytes, read as an
   * unsigned number, so that a reader can refuse an oversized message before reading it.
   */
  public static long announcedLength(byte[] header) {
    if (header.length < HEADER_BYTES) {
      throw new TtlvException("a TTLV header is 8 bytes, not " + header.length);
    }
    return HEADER_BYTES + (ByteBuffer.wrap(header, 4, 4).getInt() & 0xFFFF_FFFFL);
  }

  /** The tag in the first 3 bytes of a header. */
  public static int announcedTag(byte[] header) {
    return ((header[0] & 0xFF) << 16) | ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
  }

  /** Encodes one item; refuses a tag that does not fit 3 bytes or a text that is not encodable. */
  public static byte[] encode(Ttlv item) {
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(encodedLength(item)));
    write(item, out);
    return out.array();
  }

  /** The number of bytes {@link #encode} gives for this item, padding included. */
  public static long encodedLength(Ttlv item) {
    if (item instanceof Ttlv.Structure s) {
      long sum = HEADER_BYTES;
      for (Ttlv child : s.items()) {
        sum += encodedLength(child);
      }
      return sum;
    }
    return HEADER_BYTES + padded(valueLength(item));
  }

  private static long valueLength(Ttlv item) {
    if (item instanceof Ttlv.Structure s) {
      return encodedLength(s) - HEADER_BYTES;
    } else if (item instanceof Ttlv.BigIntegerItem b) {
      return bigIntegerBytes(b.value()).length;
    } else if (item instanceof Ttlv.TextItem t) {
      return t.value().getBytes(StandardCharsets.UTF_8).length;
    } else if (item instanceof Ttlv.BytesItem b) {
      return b.value().length;
    }
    return switch (item.type()) {
      case INTEGER, ENUMERATION, INTERVAL -> 4;
      default -> 8;
    };
  }

  private static long padded(long length) {
    return (length + 7) & ~7L;
  }

  private static void write(Ttlv item, ByteBuffer out) {
    int tag = item.tag();
    if (tag < 0 || tag > 0xFFFFFF) {
      throw new TtlvException("tag " + Integer.toHexString(tag) + " does not fit in 3 bytes");
    }
    out.put((byte) (tag >>> 16)).put((byte) (tag >>> 8)).put((byte) tag);
    out.put((byte) item.type().code());
    long length = valueLength(item);
    if (length > 0xFFFF_FFFFL) {
      throw new TtlvException("an item of " + length + " bytes does not fit a TTLV length");
    }
    out.putInt((int) length);
    int start = out.position();
    if (item instanceof Ttlv.Structure s) {
      s.items().forEach(child -> write(child, out));
    } else if (item instanceof Ttlv.IntegerItem i) {
      out.putInt(i.value());
    } else if (item instanceof Ttlv.EnumItem e) {
      out.putInt(e.value());
    } else if (item instanceof Ttlv.IntervalItem i) {
      out.putInt((int) i.seconds());
    } else if (item instanceof Ttlv.LongItem l) {
      out.putLong(l.value());
    } else if (item instanceof Ttlv.BooleanItem b) {
      out.putLong(b.value() ? 1 : 0);
    } else if (item instanceof Ttlv.DateTimeItem d) {
      out.putLong(d.epochSeconds());
    } else if (item instanceof Ttlv.BigIntegerItem b) {
      out.put(bigIntegerBytes(b.value()));
    } else if (item instanceof Ttlv.TextItem t) {
      out.put(t.value().getBytes(StandardCharsets.UTF_8));
    } else if (item instanceof Ttlv.BytesItem b) {
      out.put(b.value());
    }
    int written = out.position() - start;
    out.position(start + (int) padded(written));
  }

  /**
   * Two's complement, big-endian, sign-extended to a multiple of 8 bytes (section 9.1.1.4: "padded
   * with the sign bit"), at least 8 bytes.
   */
  private static byte[] bigIntegerBytes(BigInteger value) {
    byte[] minimal = value.toByteArray();
    int length = (int) Math.max(8, padded(minimal.length));
    byte[] out = new byte[length];
    byte fill = value.signum() < 0 ? (byte) 0xFF : 0;
    java.util.Arrays.fill(out, 0, length - minimal.length, fill);
    System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
    return out;
  }

  /** Reads items from a byte array, bounded by each parent's end. */
  private final class Reader {
    private final byte[] bytes;
    private int offset;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    Ttlv item(int end, int depth) {
      int at = offset;
      if (end - at < HEADER_BYTES) {
        throw new TtlvException(
            "at byte "
                + at
                + ": "
                + (end - at)
                + " bytes are left, too few for an item's tag, type and length (8)");
      }
      int tag = ((bytes[at] & 0xFF) << 16) | ((bytes[at + 1] & 0xFF) << 8) | (bytes[at + 2] & 0xFF);
      int prefix = tag >>> 16;
      if (prefix != 0x42 && prefix != 0x54) {
        throw TtlvException.at(at, tag, "not a KMIP tag (0x42xxxx) or an extension tag (0x54xxxx)");
      }
      int typeCode = bytes[at + 3] & 0xFF;
      ItemType type =
          ItemType.of(typeCode)
              .orElseThrow(
                  () ->
                      TtlvException.at(
                          at,
                          tag,
                          "unknown item type 0x"
                              + Integer.toHexString(typeCode)
                              + (typeCode == 0x0B ? " (Date Time Extended is KMIP 2.0)" : "")));
      long length =
          ((long) (bytes[at + 4] & 0xFF) << 24)
              | ((bytes[at + 5] & 0xFF) << 16)
              | ((bytes[at + 6] & 0xFF) << 8)
              | (bytes[at + 7] & 0xFF);
      int valueStart = at + HEADER_BYTES;
      long room = end - valueStart;
      if (type == ItemType.STRUCTURE) {
        if (depth > limits.maxDepth()) {
          throw TtlvException.at(
              at, tag, "structures are nested deeper than " + limits.maxDepth() + " levels");
        }
        if (length > room) {
          throw TtlvException.at(
              at,
              tag,
              "a structure of " + length + " bytes runs past its parent (" + room + " left)");
        }
        int structureEnd = valueStart + (int) length;
        offset = valueStart;
        List<Ttlv> children = new ArrayList<>();
        while (offset < structureEnd) {
          children.add(item(structureEnd, depth + 1));
        }
        return new Ttlv.Structure(tag, children);
      }
      if (length > limits.maxItemBytes()) {
        throw TtlvException.at(
            at,
            tag,
            "a value of " + length + " bytes; at most " + limits.maxItemBytes() + " are accepted");
      }
      long paddedLength = padded(length);
      if (paddedLength > room) {
        throw TtlvException.at(
            at,
            tag,
            "a value of "
                + length
                + " bytes (padded "
                + paddedLength
                + ") runs past its parent ("
                + room
                + " left)");
      }
      int n = (int) length;
      requireLength(type, n, at, tag);
      for (int i = valueStart + n; i < valueStart + paddedLength; i++) {
        if (bytes[i] != 0) {
          throw TtlvException.at(at, tag, "padding bytes must be zero");
        }
      }
      ByteBuffer value = ByteBuffer.wrap(bytes, valueStart, n);
      offset = valueStart + (int) paddedLength;
      return switch (type) {
        case INTEGER -> new Ttlv.IntegerItem(tag, value.getInt());
        case ENUMERATION -> new Ttlv.EnumItem(tag, value.getInt());
        case INTERVAL -> new Ttlv.IntervalItem(tag, value.getInt() & 0xFFFF_FFFFL);
        case LONG_INTEGER -> new Ttlv.LongItem(tag, value.getLong());
        case DATE_TIME -> new Ttlv.DateTimeItem(tag, value.getLong());
        case BOOLEAN -> {
          long b = value.getLong();
          if (b != 0 && b != 1) {
            throw TtlvException.at(at, tag, "a boolean is 0 or 1, not " + b);
          }
          yield new Ttlv.BooleanItem(tag, b == 1);
        }
        case BIG_INTEGER -> {
          byte[] raw = new byte[n];
          value.get(raw);
          yield new Ttlv.BigIntegerItem(tag, new BigInteger(raw));
        }
        case TEXT_STRING -> new Ttlv.TextItem(tag, utf8(value, at, tag));
        case BYTE_STRING -> {
          byte[] raw = new byte[n];
          value.get(raw);
          yield new Ttlv.BytesItem(tag, raw);
        }
        case STRUCTURE -> throw new IllegalStateException("structures are read above");
      };
    }

    private void requireLength(ItemType type, int length, int at, int tag) {
      int expected =
          switch (type) {
            case INTEGER, ENUMERATION, INTERVAL -> 4;
            case LONG_INTEGER, BOOLEAN, DATE_TIME -> 8;
            default -> -1;
          };
      if (expected >= 0 && length != expected) {
        throw TtlvException.at(
            at, tag, type.title() + " items have length " + expected + ", not " + length);
      }
      if (type == ItemType.BIG_INTEGER && (length == 0 || length % 8 != 0)) {
        throw TtlvException.at(
            at, tag, "a big integer's length is a positive multiple of 8, not " + length);
      }
    }

    private String utf8(ByteBuffer value, int at, int tag) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(value)
            .toString();
      } catch (CharacterCodingException e) {
        throw TtlvException.at(at, tag, "a text string that is not UTF-8");
      }
    }
  }
}
