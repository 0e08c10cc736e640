package io.keyflow.kmip.ttlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The TTLV codec against the encodings the KMIP specification prints (section 9.1.2, each with tag
 * 0x420020) and whole messages of the 1.x test cases, and encode → decode as the identity on
 * generated items.
 */
class TtlvCodecTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final int T = 0x420020;
  private final TtlvCodec codec = new TtlvCodec(new TtlvCodec.Limits(1 << 20, 1 << 16, 16));

  @Test
  void encodesEveryTypeExactlyAsTheSpecificationsExamples() {
    Map<Ttlv, String> examples = new LinkedHashMap<>();
    examples.put(new Ttlv.IntegerItem(T, 8), "420020 02 00000004 0000000800000000");
    examples.put(new Ttlv.LongItem(T, 123456789000000000L), "420020 03 00000008 01B69B4BA5749200");
    examples.put(
        new Ttlv.BigIntegerItem(T, new BigInteger("1234567890000000000000000000")),
        "420020 04 00000010 0000000003FD35EB6BC2DF4618080000");
    examples.put(new Ttlv.EnumItem(T, 255), "420020 05 00000004 000000FF00000000");
    examples.put(new Ttlv.BooleanItem(T, true), "420020 06 00000008 0000000000000001");
    examples.put(
        new Ttlv.TextItem(T, "Hello World"), "420020 07 0000000B 48656C6C6F20576F726C640000000000");
    examples.put(
        new Ttlv.BytesItem(T, new byte[] {1, 2, 3}), "420020 08 00000003 0102030000000000");
    examples.put(
        Ttlv.DateTimeItem.of(T, Instant.parse("2008-03-14T11:56:40Z")),
        "420020 09 00000008 0000000047DA67F8");
    examples.put(new Ttlv.IntervalItem(T, 10 * 24 * 3600), "420020 0A 00000004 000D2F0000000000");
    examples.put(
        Ttlv.structure(T, new Ttlv.EnumItem(0x420004, 254), new Ttlv.IntegerItem(0x420005, 255)),
        "420020 01 00000020 420004 05 00000004 000000FE00000000 420005 02 00000004 000000FF00000000");
    for (Map.Entry<Ttlv, String> example : examples.entrySet()) {
      byte[] expected = hex(example.getValue());
      assertThat(TtlvCodec.encode(example.getKey())).as(example.getValue()).isEqualTo(expected);
      assertThat(codec.decode(expected)).isEqualTo(example.getKey());
    }
  }

  @Test
  void bigIntegersAreSignExtendedToMultiplesOfEightBytes() {
    assertThat(TtlvCodec.encode(new Ttlv.BigIntegerItem(0x420000, BigInteger.ZERO)))
        .isEqualTo(hex("420000 04 00000008 0000000000000000"));
    assertThat(TtlvCodec.encode(new Ttlv.BigIntegerItem(0x420000, BigInteger.valueOf(-1000))))
        .isEqualTo(hex("420000 04 00000008 FFFFFFFFFFFFFC18"));
    assertThat(codec.decode(hex("420000 04 00000008 FFFFFFFFFFFFFC18")))
        .isEqualTo(new Ttlv.BigIntegerItem(0x420000, BigInteger.valueOf(-1000)));
  }

  @Test
  void everyTestCaseMessageDecodesAndEncodesBackToTheSameBytes() throws IOException {
    Map<String, byte[]> encodings = testCaseEncodings();
    assertThat(encodings).hasSizeGreaterThanOrEqualTo(15);
    for (Map.Entry<String, byte[]> encoding : encodings.entrySet()) {
      Ttlv decoded = codec.decode(encoding.getValue());
      assertThat(TtlvCodec.encode(decoded)).as(encoding.getKey()).isEqualTo(encoding.getValue());
    }
  }

  @Test
  void aTestCaseCreateRequestReadsAsTheSpecificationDescribesIt() throws IOException {
    var message = (Ttlv.Structure) codec.decode(testCaseEncodings().get("request-create"));
    assertThat(message.tag()).isEqualTo(Tag.REQUEST_MESSAGE);
    var header = (Ttlv.Structure) message.first(Tag.REQUEST_HEADER).orElseThrow();
    var version = (Ttlv.Structure) header.first(Tag.PROTOCOL_VERSION).orElseThrow();
    assertThat(version.items())
        .containsExactly(
            new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MAJOR, 1),
            new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MINOR, 1));
    assertThat(header.first(Tag.BATCH_COUNT)).contains(new Ttlv.IntegerItem(Tag.BATCH_COUNT, 1));
    var item = (Ttlv.Structure) message.first(Tag.BATCH_ITEM).orElseThrow();
    assertThat(item.first(Tag.OPERATION)).contains(new Ttlv.EnumItem(Tag.OPERATION, 0x01));
    var payload = (Ttlv.Structure) item.first(Tag.REQUEST_PAYLOAD).orElseThrow();
    assertThat(payload.first(Tag.OBJECT_TYPE)).contains(new Ttlv.EnumItem(Tag.OBJECT_TYPE, 2));
    var template = (Ttlv.Structure) payload.items().get(1);
    List<String> names = new ArrayList<>();
    for (Ttlv attribute : template.items()) {
      names.add(((Ttlv.TextItem) ((Ttlv.Structure) attribute).items().get(0)).value());
    }
    assertThat(names)
        .containsExactly(
            "Cryptographic Algorithm", "Cryptographic Length", "Cryptographic Usage Mask");
  }

  @Test
  void encodeThenDecodeIsTheIdentityOnGeneratedItems() {
    Random random = new Random(20_261_204L);
    for (int i = 0; i < 2_000; i++) {
      Ttlv item = randomItem(random, 1);
      byte[] encoded = TtlvCodec.encode(item);
      assertThat(encoded.length % 8).isZero();
      assertThat((long) encoded.length).isEqualTo(TtlvCodec.encodedLength(item));
      assertThat(codec.decode(encoded)).as("item %d", i).isEqualTo(item);
    }
  }

  @Test
  void refusesWhatIsNotAWellFormedEncodingAndSaysWhere() {
    refused("420020 02 000000", "too few for an item's tag, type and length");
    refused("420020 02 00000008 0000000000000000", "Integer items have length 4, not 8");
    refused("420020 06 00000008 0000000000000002", "a boolean is 0 or 1, not 2");
    refused("420020 07 00000003 414243FF00000000", "padding bytes must be zero");
    refused("420020 07 00000002 FFFE000000000000", "not UTF-8");
    refused("420020 0B 00000008 0000000000000000", "unknown item type 0xb");
    refused("123456 02 00000004 0000000800000000", "not a KMIP tag");
    refused("420020 04 00000004 0000000100000000", "a big integer's length is a positive multiple");
    refused("420020 01 00000018 420004 02 00000004 00000001 00000000", "runs past its parent");
    refused("420020 08 00A00000 00", "at most 65536 are accepted");
    refused(
        "420020 02 00000004 0000000800000000 420020 02 00000004 0000000800000000",
        "16 bytes follow the end");
  }

  @Test
  void refusesStructuresNestedDeeperThanTheLimit() {
    Ttlv item = new Ttlv.IntegerItem(0x420001, 1);
    for (int depth = 0; depth < 16; depth++) {
      item = Ttlv.structure(0x420002, item);
    }
    assertThat(codec.decode(TtlvCodec.encode(item))).isEqualTo(item);
    byte[] tooDeep = TtlvCodec.encode(Ttlv.structure(0x420002, item));
    assertThatThrownBy(() -> codec.decode(tooDeep))
        .isInstanceOf(TtlvException.class)
        .hasMessageContaining("nested deeper than 16 levels");
  }

  @Test
  void refusesAMessageLongerThanTheLimitBeforeReadingIt() {
    TtlvCodec small = new TtlvCodec(new TtlvCodec.Limits(64, 64, 4));
    byte[] big = TtlvCodec.encode(new Ttlv.BytesItem(0x420001, new byte[64]));
    assertThatThrownBy(() -> small.decode(big))
        .isInstanceOf(TtlvException.class)
        .hasMessage("the message is 72 bytes; at most 64 are accepted");
    assertThat(TtlvCodec.announcedLength(hex("420078 01 00A00000"))).isEqualTo(8 + 0xA00000);
    assertThat(TtlvCodec.announcedLength(hex("420078 01 FFFFFFFF"))).isEqualTo(8 + 0xFFFFFFFFL);
  }

  @Test
  void aByteStringNeverPrintsItsValue() {
    Ttlv key = new Ttlv.BytesItem(0x420043, "secret".getBytes(StandardCharsets.UTF_8));
    assertThat(key.toString()).doesNotContain("736563726574").contains("6 bytes");
  }

  private void refused(String hex, String why) {
    assertThatThrownBy(() -> codec.decode(hex(hex)))
        .as(hex)
        .isInstanceOf(TtlvException.class)
        .hasMessageContaining(why);
  }

  private static Ttlv randomItem(Random random, int depth) {
    int tag = (random.nextBoolean() ? 0x420000 : 0x540000) | random.nextInt(0x10000);
    int kind = depth >= 6 ? 1 + random.nextInt(9) : random.nextInt(10);
    return switch (kind) {
      case 0 -> {
        List<Ttlv> items = new ArrayList<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
          items.add(randomItem(random, depth + 1));
        }
        yield Ttlv.structure(tag, items);
      }
      case 1 -> new Ttlv.IntegerItem(tag, random.nextInt());
      case 2 -> new Ttlv.LongItem(tag, random.nextLong());
      case 3 ->
          new Ttlv.BigIntegerItem(
              tag,
              new BigInteger(random.nextInt(300), random)
                  .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1)));
      case 4 -> new Ttlv.EnumItem(tag, random.nextInt());
      case 5 -> new Ttlv.BooleanItem(tag, random.nextBoolean());
      case 6 -> new Ttlv.TextItem(tag, randomText(random));
      case 7 -> {
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes);
        yield new Ttlv.BytesItem(tag, bytes);
      }
      case 8 -> new Ttlv.DateTimeItem(tag, random.nextLong());
      default -> new Ttlv.IntervalItem(tag, random.nextInt() & 0xFFFF_FFFFL);
    };
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int n = random.nextInt(20);
    for (int i = 0; i < n; i++) {
      int codePoint =
          random.nextInt(4) == 0 ? 0x1F300 + random.nextInt(200) : 0x20 + random.nextInt(0x2000);
      if (Character.isSurrogate((char) codePoint)) {
        codePoint = 'x';
      }
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  static Map<String, byte[]> testCaseEncodings() throws IOException {
    Map<String, byte[]> encodings = new LinkedHashMap<>();
    try (InputStream in = TtlvCodecTest.class.getResourceAsStream("/kmip/pykmip-encodings.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split(" ");
          encodings.put(parts[0], HEX.parseHex(parts[1]));
        }
      }
    }
    return encodings;
  }

  static byte[] hex(String spaced) {
    return HEX.parseHex(spaced.replace(" ", ""));
  }
}
