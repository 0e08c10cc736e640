package io.keyflow.kmip.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.kmip.protocol.KmipCall;
import io.keyflow.kmip.protocol.KmipClient;
import io.keyflow.kmip.protocol.KmipOperation;
import io.keyflow.kmip.protocol.Operation;
import io.keyflow.kmip.protocol.ProtocolVersion;
import io.keyflow.kmip.protocol.RequestProcessor;
import io.keyflow.kmip.protocol.ResultReason;
import io.keyflow.kmip.ttlv.Tag;
import io.keyflow.kmip.ttlv.Ttlv;
import io.keyflow.kmip.ttlv.TtlvCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The message layer with Keyflow's grant-free operations: versions, batches and their options, the
 * ID placeholder, Maximum Response Size, and a result status, reason and message on every failure.
 * Two small operations defined here ({@code MakesAnObject}, {@code NamesAnObject}) stand in the
 * places of Create and Get, which come with key access grants, to show how a batch hands the ID
 * placeholder from one item to the next.
 */
class KmipRequestsTest {

  private static final Instant NOW = Instant.ofEpochSecond(0x56fa43bdL);
  private static final KmipClient CLIENT =
      new KmipClient(
          UUID.randomUUID(), "orders-db", "ab".repeat(32), "TLSv1.3", "TLS_AES_128_GCM_SHA256");
  private static final int CONTINUE = 1;
  private static final int STOP = 2;
  private static final int UNDO = 3;

  private final TtlvCodec codec = new TtlvCodec(new TtlvCodec.Limits(1 << 20, 1 << 16, 16));
  private final MakesAnObject maker = new MakesAnObject();
  private final RequestProcessor processor =
      new RequestProcessor(
          List.of(new DiscoverVersions(), new Query(), new Register(), maker, new NamesAnObject()),
          codec,
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void discoverVersionsIsAnsweredInEachVersionTheRequestIsWrittenIn() {
    for (ProtocolVersion version : ProtocolVersion.SUPPORTED) {
      Ttlv.Structure response =
          answer(request(version, null, item(Operation.DISCOVER_VERSIONS, null)));
      assertThat(header(response).first(Tag.PROTOCOL_VERSION)).contains(version.toTtlv());
      Ttlv.Structure item = items(response).get(0);
      assertSucceeded(item);
      assertThat(payload(item).items())
          .containsExactlyElementsOf(
              ProtocolVersion.SUPPORTED.stream().map(ProtocolVersion::toTtlv).toList());
    }
  }

  @Test
  void discoverVersionsAnswersTheVersionsBothSidesSpeakInTheServersOrder() throws IOException {
    Ttlv.Structure asked =
        Ttlv.structure(Tag.REQUEST_PAYLOAD, v(1, 0).toTtlv(), v(2, 0).toTtlv(), v(1, 2).toTtlv());
    Ttlv.Structure item =
        items(answer(request(v(1, 2), null, item(Operation.DISCOVER_VERSIONS, null, asked))))
            .get(0);
    assertThat(payload(item).items()).containsExactly(v(1, 2).toTtlv(), v(1, 0).toTtlv());

    // The specification's example: a client of 1.1 and 1.0 gets exactly this payload back.
    Map<String, byte[]> vectors = encodings();
    var request =
        (Ttlv.Structure) codec.decode(vectors.get("payload-discover-versions-request-two"));
    Ttlv.Structure answered =
        items(answer(request(v(1, 1), null, item(Operation.DISCOVER_VERSIONS, null, request))))
            .get(0);
    assertThat(TtlvCodec.encode(payload(answered)))
        .isEqualTo(vectors.get("payload-discover-versions-response-two"));
  }

  @Test
  void kmipTwoIsAnsweredNotSupportedInItsOwnHeaderAndNothingRuns() {
    Ttlv.Structure response = answer(request(v(2, 0), null, item(Operation.CREATE, null)));
    assertThat(header(response).first(Tag.PROTOCOL_VERSION)).contains(v(2, 0).toTtlv());
    assertFailed(items(response).get(0), ResultReason.INVALID_MESSAGE, "KMIP 2.0 is not supported");
    assertThat(maker.made).isZero();
  }

  @Test
  void queryListsTheOperationsAClientMayUseAndWhoTheServerIs() {
    Ttlv.Structure asked =
        Ttlv.structure(
            Tag.REQUEST_PAYLOAD,
            new Ttlv.EnumItem(Tag.QUERY_FUNCTION, Query.QUERY_SERVER_INFORMATION),
            new Ttlv.EnumItem(Tag.QUERY_FUNCTION, Query.QUERY_OPERATIONS),
            new Ttlv.EnumItem(Tag.QUERY_FUNCTION, Query.QUERY_OBJECTS));
    Ttlv.Structure item =
        items(answer(request(v(1, 4), null, item(Operation.QUERY, null, asked)))).get(0);
    assertSucceeded(item);
    List<Integer> operations =
        payload(item).all(Tag.OPERATION).stream().map(o -> ((Ttlv.EnumItem) o).value()).toList();
    assertThat(operations)
        .as("Register is understood only to be refused, so it is not offered")
        .containsExactly(
            Operation.CREATE.code(),
            Operation.GET.code(),
            Operation.QUERY.code(),
            Operation.DISCOVER_VERSIONS.code());
    List<Ttlv> fields = payload(item).items();
    assertThat(payload(item).first(Tag.VENDOR_IDENTIFICATION))
        .contains(new Ttlv.TextItem(Tag.VENDOR_IDENTIFICATION, "Keyflow"));
    // The specification's order: operations, object types, vendor, server information.
    assertThat(fields.get(0).tag()).isEqualTo(Tag.OPERATION);
    assertThat(fields.get(fields.size() - 1).tag()).isEqualTo(Tag.SERVER_INFORMATION);
  }

  @Test
  void registerIsRefusedWithPermissionDeniedBecauseKeysAreMadeInTheHsm() {
    Ttlv.Structure keyMaterial =
        Ttlv.structure(
            Tag.REQUEST_PAYLOAD,
            new Ttlv.EnumItem(Tag.OBJECT_TYPE, 2),
            new Ttlv.BytesItem(0x420043, new byte[32]));
    Ttlv.Structure item =
        items(answer(request(v(1, 2), null, item(Operation.REGISTER, null, keyMaterial)))).get(0);
    assertFailed(
        item,
        ResultReason.PERMISSION_DENIED,
        "keys are generated in Keyflow's HSM (OP-PROC-001 4.1), and a key made outside it has no"
            + " provenance");
    assertThat(item.first(Tag.OPERATION)).contains(new Ttlv.EnumItem(Tag.OPERATION, 0x03));
  }

  @Test
  void withContinueEveryItemIsAnsweredAndOneFailureFailsOnlyItself() {
    Ttlv.Structure response =
        answer(
            request(
                v(1, 2),
                CONTINUE,
                item(Operation.QUERY, "01"),
                item(Operation.LOCATE, "02"),
                item(Operation.DISCOVER_VERSIONS, "03")));
    List<Ttlv.Structure> items = items(response);
    assertThat(items).hasSize(3);
    assertSucceeded(items.get(0));
    assertFailed(items.get(1), ResultReason.OPERATION_NOT_SUPPORTED, "does not support Locate");
    assertSucceeded(items.get(2));
    assertThat(items.get(2).first(Tag.UNIQUE_BATCH_ITEM_ID))
        .contains(new Ttlv.BytesItem(Tag.UNIQUE_BATCH_ITEM_ID, new byte[] {3}));
  }

  @Test
  void byDefaultABatchStopsAtItsFirstFailureAndAnswersWhatRan() {
    for (Integer option : Arrays.asList(null, STOP)) {
      List<Ttlv.Structure> items =
          items(
              answer(
                  request(
                      v(1, 2),
                      option,
                      item(Operation.QUERY, "01"),
                      item(Operation.REGISTER, "02"),
                      item(Operation.CREATE, "03"))));
      assertThat(items).hasSize(2);
      assertSucceeded(items.get(0));
      assertFailed(items.get(1), ResultReason.PERMISSION_DENIED, "no provenance");
    }
    assertThat(maker.made).isZero();
  }

  @Test
  void undoIsRefusedForEveryItemBeforeAnyRuns() {
    List<Ttlv.Structure> items =
        items(
            answer(
                request(v(1, 2), UNDO, item(Operation.CREATE, "01"), item(Operation.QUERY, "02"))));
    assertThat(items).hasSize(2);
    for (Ttlv.Structure item : items) {
      assertFailed(item, ResultReason.FEATURE_NOT_SUPPORTED, "never takes one back");
    }
    assertThat(maker.made).isZero();
  }

  @Test
  void aLaterItemThatNamesNoObjectMeansTheOneAnEarlierItemMade() {
    List<Ttlv.Structure> items =
        items(
            answer(
                request(v(1, 2), null, item(Operation.CREATE, "01"), item(Operation.GET, "02"))));
    assertSucceeded(items.get(0));
    assertSucceeded(items.get(1));
    assertThat(uid(payload(items.get(1)))).isEqualTo(uid(payload(items.get(0))));

    Ttlv.Structure alone = items(answer(request(v(1, 2), null, item(Operation.GET, null)))).get(0);
    assertFailed(
        alone, ResultReason.MISSING_DATA, "no earlier item of this batch set the ID placeholder");
  }

  @Test
  void aResponseLongerThanTheMaximumResponseSizeIsAnsweredResponseTooLarge() {
    Ttlv.Structure asked =
        Ttlv.structure(
            Tag.REQUEST_PAYLOAD,
            new Ttlv.EnumItem(Tag.QUERY_FUNCTION, Query.QUERY_SERVER_INFORMATION));
    Ttlv.Structure header =
        Ttlv.structure(
            Tag.REQUEST_HEADER,
            v(1, 2).toTtlv(),
            new Ttlv.IntegerItem(Tag.MAXIMUM_RESPONSE_SIZE, 256),
            new Ttlv.IntegerItem(Tag.BATCH_COUNT, 1));
    byte[] request =
        TtlvCodec.encode(
            Ttlv.structure(Tag.REQUEST_MESSAGE, header, item(Operation.QUERY, null, asked)));
    Ttlv.Structure item = items(decode(processor.answer(request, CLIENT))).get(0);
    assertFailed(
        item, ResultReason.RESPONSE_TOO_LARGE, "the request's Maximum Response Size is 256");
  }

  @Test
  void inputThatIsNotARequestIsAnsweredInvalidMessageAndNothingRuns() {
    Random random = new Random(5696);
    List<byte[]> inputs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[random.nextInt(200)];
      random.nextBytes(bytes);
      inputs.add(bytes);
    }
    byte[] good = request(v(1, 2), null, item(Operation.CREATE, null));
    for (int cut = 1; cut < good.length; cut += 7) {
      inputs.add(Arrays.copyOf(good, cut));
    }
    // A batch count that does not match; an unknown header field.
    inputs.add(
        TtlvCodec.encode(
            Ttlv.structure(
                Tag.REQUEST_MESSAGE,
                Ttlv.structure(
                    Tag.REQUEST_HEADER, v(1, 2).toTtlv(), new Ttlv.IntegerItem(Tag.BATCH_COUNT, 2)),
                item(Operation.CREATE, null))));
    inputs.add(
        TtlvCodec.encode(
            Ttlv.structure(
                Tag.REQUEST_MESSAGE,
                Ttlv.structure(
                    Tag.REQUEST_HEADER,
                    v(1, 2).toTtlv(),
                    new Ttlv.TextItem(0x540099, "?"),
                    new Ttlv.IntegerItem(Tag.BATCH_COUNT, 1)),
                item(Operation.CREATE, null))));
    for (byte[] input : inputs) {
      Ttlv.Structure item = items(decode(processor.answer(input, CLIENT))).get(0);
      assertFailed(item, ResultReason.INVALID_MESSAGE, "");
      assertThat(((Ttlv.TextItem) item.first(Tag.RESULT_MESSAGE).orElseThrow()).value())
          .isNotBlank();
    }
    assertThat(maker.made).isZero();
  }

  @Test
  void theInvalidMessageAnswerIsTheOneOfTheSpecificationsTestCase() throws IOException {
    assertThat(processor.invalidMessage(v(1, 1), "Default response. No operations supported."))
        .isEqualTo(encodings().get("response-invalid-message"));
  }

  @Test
  void aBatchOfSeveralItemsWithoutBatchItemIdsIsRefusedItemByItem() {
    List<Ttlv.Structure> items =
        items(
            answer(
                request(
                    v(1, 2),
                    CONTINUE,
                    item(Operation.QUERY, null),
                    item(Operation.DISCOVER_VERSIONS, null))));
    assertThat(items).hasSize(2);
    items.forEach(i -> assertFailed(i, ResultReason.INVALID_MESSAGE, "Unique Batch Item ID"));
  }

  @Test
  void anOperationThatBreaksUnexpectedlyIsAGeneralFailureWithAReference() {
    RequestProcessor broken =
        new RequestProcessor(
            List.of(
                new KmipOperation() {
                  @Override
                  public Operation operation() {
                    return Operation.CHECK;
                  }

                  @Override
                  public Ttlv.Structure answer(Ttlv.Structure payload, KmipCall call) {
                    throw new IllegalStateException("a bug");
                  }
                }),
            codec,
            Clock.fixed(NOW, ZoneOffset.UTC));
    Ttlv.Structure item =
        items(decode(broken.answer(request(v(1, 2), null, item(Operation.CHECK, null)), CLIENT)))
            .get(0);
    assertFailed(item, ResultReason.GENERAL_FAILURE, "Reference ");
    assertThat(item.toString()).doesNotContain("a bug");
  }

  /** Makes an object and leaves its identifier in the ID placeholder, as Create will. */
  static final class MakesAnObject implements KmipOperation {
    int made;

    @Override
    public Operation operation() {
      return Operation.CREATE;
    }

    @Override
    public Ttlv.Structure answer(Ttlv.Structure payload, KmipCall call) {
      made++;
      String id = UUID.randomUUID().toString();
      call.setIdPlaceholder(id);
      return Ttlv.structure(Tag.RESPONSE_PAYLOAD, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, id));
    }
  }

  /** Answers with the object its request means, as Get will. */
  static final class NamesAnObject implements KmipOperation {
    @Override
    public Operation operation() {
      return Operation.GET;
    }

    @Override
    public Ttlv.Structure answer(Ttlv.Structure payload, KmipCall call) {
      return Ttlv.structure(
          Tag.RESPONSE_PAYLOAD,
          new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, call.uniqueIdentifier(payload)));
    }
  }

  private Ttlv.Structure answer(byte[] request) {
    return decode(processor.answer(request, CLIENT));
  }

  private Ttlv.Structure decode(byte[] response) {
    Ttlv.Structure message = (Ttlv.Structure) codec.decode(response);
    assertThat(message.tag()).isEqualTo(Tag.RESPONSE_MESSAGE);
    assertThat(header(message).first(Tag.TIME_STAMP))
        .contains(new Ttlv.DateTimeItem(Tag.TIME_STAMP, NOW.getEpochSecond()));
    assertThat(header(message).first(Tag.BATCH_COUNT))
        .contains(new Ttlv.IntegerItem(Tag.BATCH_COUNT, items(message).size()));
    return message;
  }

  private static Ttlv.Structure header(Ttlv.Structure response) {
    return (Ttlv.Structure) response.first(Tag.RESPONSE_HEADER).orElseThrow();
  }

  private static List<Ttlv.Structure> items(Ttlv.Structure response) {
    return response.all(Tag.BATCH_ITEM).stream().map(i -> (Ttlv.Structure) i).toList();
  }

  private static Ttlv.Structure payload(Ttlv.Structure item) {
    return (Ttlv.Structure) item.first(Tag.RESPONSE_PAYLOAD).orElseThrow();
  }

  private static String uid(Ttlv.Structure payload) {
    return ((Ttlv.TextItem) payload.first(Tag.UNIQUE_IDENTIFIER).orElseThrow()).value();
  }

  private static void assertSucceeded(Ttlv.Structure item) {
    assertThat(item.first(Tag.RESULT_STATUS))
        .as(item.toString())
        .contains(new Ttlv.EnumItem(Tag.RESULT_STATUS, 0));
    assertThat(item.first(Tag.RESPONSE_PAYLOAD)).isPresent();
  }

  private static void assertFailed(Ttlv.Structure item, ResultReason reason, String message) {
    assertThat(item.first(Tag.RESULT_STATUS))
        .as(item.toString())
        .contains(new Ttlv.EnumItem(Tag.RESULT_STATUS, 1));
    assertThat(item.first(Tag.RESULT_REASON))
        .as(item.toString())
        .contains(new Ttlv.EnumItem(Tag.RESULT_REASON, reason.code()));
    assertThat(((Ttlv.TextItem) item.first(Tag.RESULT_MESSAGE).orElseThrow()).value())
        .contains(message);
    assertThat(item.first(Tag.RESPONSE_PAYLOAD)).isEmpty();
  }

  private static ProtocolVersion v(int major, int minor) {
    return new ProtocolVersion(major, minor);
  }

  private static Ttlv.Structure item(Operation operation, String batchItemId) {
    return item(operation, batchItemId, Ttlv.structure(Tag.REQUEST_PAYLOAD));
  }

  private static Ttlv.Structure item(
      Operation operation, String batchItemId, Ttlv.Structure payload) {
    List<Ttlv> fields = new ArrayList<>();
    fields.add(new Ttlv.EnumItem(Tag.OPERATION, operation.code()));
    if (batchItemId != null) {
      fields.add(
          new Ttlv.BytesItem(Tag.UNIQUE_BATCH_ITEM_ID, HexFormat.of().parseHex(batchItemId)));
    }
    fields.add(payload);
    return Ttlv.structure(Tag.BATCH_ITEM, fields);
  }

  private static byte[] request(
      ProtocolVersion version, Integer continuation, Ttlv.Structure... items) {
    List<Ttlv> header = new ArrayList<>();
    header.add(version.toTtlv());
    if (continuation != null) {
      header.add(new Ttlv.EnumItem(Tag.BATCH_ERROR_CONTINUATION_OPTION, continuation));
    }
    header.add(new Ttlv.IntegerItem(Tag.BATCH_COUNT, items.length));
    List<Ttlv> message = new ArrayList<>();
    message.add(Ttlv.structure(Tag.REQUEST_HEADER, header));
    message.addAll(List.of(items));
    return TtlvCodec.encode(Ttlv.structure(Tag.REQUEST_MESSAGE, message));
  }

  private static Map<String, byte[]> encodings() throws IOException {
    Map<String, byte[]> encodings = new LinkedHashMap<>();
    try (InputStream in =
        KmipRequestsTest.class.getResourceAsStream("/kmip/pykmip-encodings.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split(" ");
          encodings.put(parts[0], HexFormat.of().parseHex(parts[1]));
        }
      }
    }
    return encodings;
  }
}
