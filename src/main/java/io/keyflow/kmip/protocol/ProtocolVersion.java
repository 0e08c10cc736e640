package io.keyflow.kmip.protocol;

import io.keyflow.kmip.ttlv.Tag;
import io.keyflow.kmip.ttlv.Ttlv;
import java.util.List;

/** A KMIP protocol version, as the Protocol Version structure carries it. */
public record ProtocolVersion(int major, int minor) implements Comparable<ProtocolVersion> {

  /** What Keyflow speaks, most preferred first (the order Discover Versions answers in). */
  public static final List<ProtocolVersion> SUPPORTED =
      List.of(
          new ProtocolVersion(1, 4),
          new ProtocolVersion(1, 3),
          new ProtocolVersion(1, 2),
          new ProtocolVersion(1, 1),
          new ProtocolVersion(1, 0));

  /** The version a response is written in when the request's could not be read. */
  public static final ProtocolVersion FALLBACK = new ProtocolVersion(1, 0);

  public boolean supported() {
    return SUPPORTED.contains(this);
  }

  public Ttlv.Structure toTtlv() {
    return Ttlv.structure(
        Tag.PROTOCOL_VERSION,
        new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MAJOR, major),
        new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MINOR, minor));
  }

  /** Reads a Protocol Version structure; refuses (Invalid Field) anything else. */
  public static ProtocolVersion from(Ttlv item) {
    Ttlv.Structure s = Payloads.structure(item, "Protocol Version");
    Payloads.onlyTags(
        s, "Protocol Version", Tag.PROTOCOL_VERSION_MAJOR, Tag.PROTOCOL_VERSION_MINOR);
    return new ProtocolVersion(
        Payloads.requiredInteger(s, Tag.PROTOCOL_VERSION_MAJOR, "Protocol Version Major"),
        Payloads.requiredInteger(s, Tag.PROTOCOL_VERSION_MINOR, "Protocol Version Minor"));
  }

  @Override
  public int compareTo(ProtocolVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
