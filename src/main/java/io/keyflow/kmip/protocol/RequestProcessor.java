package io.keyflow.kmip.protocol;

import io.keyflow.kmip.ttlv.Tag;
import io.keyflow.kmip.ttlv.Ttlv;
import io.keyflow.kmip.ttlv.TtlvCodec;
import io.keyflow.kmip.ttlv.TtlvException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KMIP message layer (specification sections 6 and 7): reads a Request Message, answers each
 * batch item through the {@link KmipOperation} for its operation and writes the Response Message.
 *
 * <ul>
 *   <li>The response is written in the request's protocol version (1.0 to 1.4); another version
 *       (2.x) is answered with Invalid Message, in that version's header, and nothing is done.
 *   <li>Each batch item is answered on its own: a failure has Result Status "Operation Failed", a
 *       Result Reason and a Result Message. After a failure the batch goes on only if the header
 *       asks for Batch Error Continuation Option "Continue"; the default, "Stop", answers the items
 *       processed so far, as the specification says. "Undo" is refused before any item runs:
 *       Keyflow writes every lifecycle operation to its ledger and never takes one back.
 *   <li>Items share the ID placeholder ({@link KmipCall#uniqueIdentifier}).
 *   <li>A response longer than the request's Maximum Response Size has its payloads replaced by
 *       Response Too Large failures.
 *   <li>Input that is not a well-formed request message (a {@link TtlvException}, a missing or
 *       repeated header field, a batch count that does not match) is answered with one Invalid
 *       Message item and nothing runs.
 * </ul>
 *
 * {@link #answer} never throws: an operation's unexpected exception becomes a General Failure
 * answer with a reference that is also in the log.
 */
public final class RequestProcessor {

  private static final Logger log = LoggerFactory.getLogger(RequestProcessor.class);

  private static final int CONTINUE = 1;
  private static final int STOP = 2;
  private static final int UNDO = 3;

  private final Map<Operation, KmipOperation> operations = new EnumMap<>(Operation.class);
  private final TtlvCodec codec;
  private final Clock clock;
  private final Catalogue catalogue;

  public RequestProcessor(Collection<KmipOperation> operations, TtlvCodec codec, Clock clock) {
    for (KmipOperation operation : operations) {
      KmipOperation previous = this.operations.put(operation.operation(), operation);
      if (previous != null) {
        throw new IllegalStateException(
            "Two classes answer KMIP "
                + operation.operation().title()
                + ": "
                + previous.getClass().getName()
                + " and "
                + operation.getClass().getName());
      }
    }
    this.codec = codec;
    this.clock = clock;
    TreeSet<Integer> objectTypes = new TreeSet<>();
    List<Operation> offered = new ArrayList<>();
    for (KmipOperation operation : this.operations.values()) {
      if (operation.offered()) {
        offered.add(operation.operation());
        objectTypes.addAll(operation.objectTypes());
      }
    }
    this.catalogue = new Catalogue(offered, List.copyOf(objectTypes));
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  /** The response to one encoded request message from an authenticated client. */
  public byte[] answer(byte[] request, KmipClient client) {
    Parsed parsed;
    try {
      parsed = parse(request);
    } catch (Invalid invalid) {
      return invalidMessage(invalid.version, invalid.getMessage());
    }
    Header header = parsed.header();
    if (header.continuation() == UNDO) {
      return encode(
          header,
          failEvery(
              parsed.items(),
              ResultReason.FEATURE_NOT_SUPPORTED,
              "Batch Error Continuation Option Undo is not supported: Keyflow records every"
                  + " lifecycle operation in its ledger and never takes one back; nothing was"
                  + " done"));
    }
    List<Ttlv> answers = new ArrayList<>();
    KmipCall call = new KmipCall(client, header.version(), new KmipCall.Batch(), catalogue);
    for (Item item : parsed.items()) {
      Ttlv.Structure answer = answer(item, call, parsed.items().size());
      answers.add(answer);
      boolean failed = answer.first(Tag.RESULT_STATUS).map(s -> !isSuccess(s)).orElse(true);
      if (failed && header.continuation() != CONTINUE) {
        break;
      }
    }
    return encode(header, answers);
  }

  /**
   * The response that refuses every batch item of the request with one reason, running none (e.g. a
   * client certificate that belongs to no registered system); malformed input gets Invalid Message
   * as from {@link #answer}.
   */
  public byte[] refuse(byte[] request, ResultReason reason, String message) {
    try {
      Parsed parsed = parse(request);
      return encode(parsed.header(), failEvery(parsed.items(), reason, message));
    } catch (Invalid invalid) {
      return invalidMessage(invalid.version, invalid.getMessage());
    }
  }

  /** A response with one Invalid Message item, for input that cannot be read as a request. */
  public byte[] invalidMessage(ProtocolVersion version, String message) {
    Ttlv.Structure item = failure(null, null, ResultReason.INVALID_MESSAGE, message);
    return TtlvCodec.encode(response(version, List.of(item)));
  }

  private Ttlv.Structure answer(Item item, KmipCall call, int batchSize) {
    try {
      if (batchSize > 1 && item.batchItemId() == null) {
        throw new KmipFailure(
            ResultReason.INVALID_MESSAGE,
            "A batch of " + batchSize + " items needs a Unique Batch Item ID in each");
      }
      if (item.criticalExtension()) {
        throw new KmipFailure(
            ResultReason.FEATURE_NOT_SUPPORTED,
            "This item carries a critical Message Extension, which Keyflow does not understand");
      }
      Operation operation =
          Operation.of(item.operation())
              .orElseThrow(
                  () ->
                      new KmipFailure(
                          ResultReason.OPERATION_NOT_SUPPORTED,
                          "Operation 0x" + Integer.toHexString(item.operation()) + " is unknown"));
      KmipOperation handler = operations.get(operation);
      if (handler == null) {
        throw new KmipFailure(
            ResultReason.OPERATION_NOT_SUPPORTED,
            "Keyflow does not support "
                + operation.title()
                + " over KMIP; Query lists what it does");
      }
      Ttlv.Structure payload = handler.answer(item.payload(), call);
      List<Ttlv> fields = new ArrayList<>();
      fields.add(new Ttlv.EnumItem(Tag.OPERATION, item.operation()));
      if (item.batchItemId() != null) {
        fields.add(item.batchItemId());
      }
      fields.add(new Ttlv.EnumItem(Tag.RESULT_STATUS, ResultStatus.SUCCESS.code()));
      fields.add(payload);
      return Ttlv.structure(Tag.BATCH_ITEM, fields);
    } catch (KmipFailure failure) {
      return failure(item.operation(), item.batchItemId(), failure.reason(), failure.getMessage());
    } catch (RuntimeException unexpected) {
      String reference = UUID.randomUUID().toString();
      log.error(
          "KMIP operation 0x{} of {} failed unexpectedly (reference {})",
          Integer.toHexString(item.operation()),
          call.client().name(),
          reference,
          unexpected);
      return failure(
          item.operation(),
          item.batchItemId(),
          ResultReason.GENERAL_FAILURE,
          "The server could not complete this operation; nothing was recorded as done. Reference "
              + reference);
    }
  }

  private static boolean isSuccess(Ttlv status) {
    return status instanceof Ttlv.EnumItem e && e.value() == ResultStatus.SUCCESS.code();
  }

  private static List<Ttlv> failEvery(List<Item> items, ResultReason reason, String message) {
    List<Ttlv> answers = new ArrayList<>();
    for (Item item : items) {
      answers.add(failure(item.operation(), item.batchItemId(), reason, message));
    }
    return answers;
  }

  private static Ttlv.Structure failure(
      Integer operation, Ttlv.BytesItem batchItemId, ResultReason reason, String message) {
    List<Ttlv> fields = new ArrayList<>();
    if (operation != null) {
      fields.add(new Ttlv.EnumItem(Tag.OPERATION, operation));
    }
    if (batchItemId != null) {
      fields.add(batchItemId);
    }
    fields.add(new Ttlv.EnumItem(Tag.RESULT_STATUS, ResultStatus.OPERATION_FAILED.code()));
    fields.add(new Ttlv.EnumItem(Tag.RESULT_REASON, reason.code()));
    fields.add(new Ttlv.TextItem(Tag.RESULT_MESSAGE, message));
    return Ttlv.structure(Tag.BATCH_ITEM, fields);
  }

  private byte[] encode(Header header, List<Ttlv> answers) {
    Ttlv.Structure response = response(header.version(), answers);
    Integer max = header.maxResponseSize();
    if (max != null && TtlvCodec.encodedLength(response) > max) {
      long length = TtlvCodec.encodedLength(response);
      List<Ttlv> shrunk = new ArrayList<>();
      for (Ttlv answer : answers) {
        Ttlv.Structure item = (Ttlv.Structure) answer;
        if (item.first(Tag.RESPONSE_PAYLOAD).isPresent()) {
          shrunk.add(
              failure(
                  item.first(Tag.OPERATION).map(o -> ((Ttlv.EnumItem) o).value()).orElse(null),
                  item.first(Tag.UNIQUE_BATCH_ITEM_ID).map(b -> (Ttlv.BytesItem) b).orElse(null),
                  ResultReason.RESPONSE_TOO_LARGE,
                  "The response would be "
                      + length
                      + " bytes; the request's Maximum Response Size is "
                      + max));
        } else {
          shrunk.add(item);
        }
      }
      response = response(header.version(), shrunk);
    }
    return TtlvCodec.encode(response);
  }

  private Ttlv.Structure response(ProtocolVersion version, List<Ttlv> items) {
    List<Ttlv> message = new ArrayList<>();
    message.add(
        Ttlv.structure(
            Tag.RESPONSE_HEADER,
            version.toTtlv(),
            new Ttlv.DateTimeItem(Tag.TIME_STAMP, clock.instant().getEpochSecond()),
            new Ttlv.IntegerItem(Tag.BATCH_COUNT, items.size())));
    message.addAll(items);
    return Ttlv.structure(Tag.RESPONSE_MESSAGE, message);
  }

  // ---- reading the request ----

  private record Header(ProtocolVersion version, Integer maxResponseSize, int continuation) {}

  private record Item(
      int operation,
      Ttlv.BytesItem batchItemId,
      Ttlv.Structure payload,
      boolean criticalExtension) {}

  private record Parsed(Header header, List<Item> items) {}

  /** Input that is not a request message; answered in {@code version} when it could be read. */
  private static final class Invalid extends RuntimeException {
    final ProtocolVersion version;

    Invalid(ProtocolVersion version, String message) {
      super(message, null, false, false);
      this.version = version;
    }
  }

  private Parsed parse(byte[] bytes) {
    Ttlv root;
    try {
      root = codec.decode(bytes);
    } catch (TtlvException e) {
      throw new Invalid(
          ProtocolVersion.FALLBACK, "The message is not valid TTLV: " + e.getMessage());
    }
    if (!(root instanceof Ttlv.Structure message) || root.tag() != Tag.REQUEST_MESSAGE) {
      throw new Invalid(
          ProtocolVersion.FALLBACK,
          "a request starts with a Request Message structure (tag 0x420078)");
    }
    List<Ttlv> headers = message.all(Tag.REQUEST_HEADER);
    if (headers.size() != 1 || message.items().get(0).tag() != Tag.REQUEST_HEADER) {
      throw new Invalid(
          ProtocolVersion.FALLBACK, "a Request Message starts with its one Request Header");
    }
    ProtocolVersion version = ProtocolVersion.FALLBACK;
    try {
      Ttlv.Structure h = Payloads.structure(headers.get(0), "Request Header");
      version =
          ProtocolVersion.from(
              Payloads.once(h, Tag.PROTOCOL_VERSION, "Protocol Version")
                  .orElseThrow(
                      () ->
                          new KmipFailure(
                              ResultReason.MISSING_DATA, "Protocol Version is required")));
      if (!version.supported()) {
        throw new Invalid(
            version,
            "KMIP "
                + version
                + " is not supported; Keyflow speaks KMIP 1.0 to 1.4 (Discover Versions lists them)");
      }
      Payloads.onlyTags(
          h,
          "Request Header",
          Tag.PROTOCOL_VERSION,
          Tag.MAXIMUM_RESPONSE_SIZE,
          Tag.ASYNCHRONOUS_INDICATOR,
          Tag.AUTHENTICATION,
          Tag.BATCH_ERROR_CONTINUATION_OPTION,
          Tag.BATCH_ORDER_OPTION,
          Tag.TIME_STAMP,
          Tag.BATCH_COUNT,
          Tag.ATTESTATION_CAPABLE_INDICATOR,
          Tag.CLIENT_CORRELATION_VALUE,
          Tag.SERVER_CORRELATION_VALUE);
      Integer max =
          Payloads.optionalInteger(h, Tag.MAXIMUM_RESPONSE_SIZE, "Maximum Response Size")
              .orElse(null);
      if (max != null && max <= 0) {
        throw new KmipFailure(
            ResultReason.INVALID_FIELD, "Maximum Response Size must be positive, not " + max);
      }
      int continuation =
          Payloads.optionalEnum(
                  h, Tag.BATCH_ERROR_CONTINUATION_OPTION, "Batch Error Continuation Option")
              .orElse(STOP);
      if (continuation < CONTINUE || continuation > UNDO) {
        throw new KmipFailure(
            ResultReason.INVALID_FIELD,
            "Batch Error Continuation Option is Continue (1), Stop (2) or Undo (3), not "
                + continuation);
      }
      Payloads.optionalBoolean(h, Tag.BATCH_ORDER_OPTION, "Batch Order Option");
      int count = Payloads.requiredInteger(h, Tag.BATCH_COUNT, "Batch Count");
      List<Item> items = new ArrayList<>();
      for (Ttlv child : message.items().subList(1, message.items().size())) {
        if (child.tag() != Tag.BATCH_ITEM) {
          throw new KmipFailure(
              ResultReason.INVALID_MESSAGE,
              "a Request Message holds a header and batch items, not tag " + Tag.hex(child.tag()));
        }
        items.add(item(Payloads.structure(child, "Batch Item")));
      }
      if (items.isEmpty() || count != items.size()) {
        throw new KmipFailure(
            ResultReason.INVALID_MESSAGE,
            "Batch Count says "
                + count
                + " but the message holds "
                + items.size()
                + " batch items");
      }
      return new Parsed(new Header(version, max, continuation), items);
    } catch (KmipFailure failure) {
      throw new Invalid(version, failure.getMessage());
    }
  }

  private static Item item(Ttlv.Structure item) {
    Payloads.onlyTags(
        item,
        "Batch Item",
        Tag.OPERATION,
        Tag.UNIQUE_BATCH_ITEM_ID,
        Tag.REQUEST_PAYLOAD,
        Tag.MESSAGE_EXTENSION);
    int operation = Payloads.requiredEnum(item, Tag.OPERATION, "Operation");
    Ttlv.BytesItem id =
        Payloads.once(item, Tag.UNIQUE_BATCH_ITEM_ID, "Unique Batch Item ID")
            .map(
                v -> {
                  if (v instanceof Ttlv.BytesItem b) {
                    return b;
                  }
                  throw new KmipFailure(
                      ResultReason.INVALID_FIELD, "Unique Batch Item ID must be a byte string");
                })
            .orElse(null);
    Ttlv.Structure payload =
        Payloads.structure(
            Payloads.once(item, Tag.REQUEST_PAYLOAD, "Request Payload")
                .orElseThrow(
                    () ->
                        new KmipFailure(ResultReason.MISSING_DATA, "Request Payload is required")),
            "Request Payload");
    boolean critical =
        Payloads.once(item, Tag.MESSAGE_EXTENSION, "Message Extension")
            .map(e -> Payloads.structure(e, "Message Extension"))
            .flatMap(
                e ->
                    Optional.of(
                        Payloads.optionalBoolean(
                                e, Tag.CRITICALITY_INDICATOR, "Criticality Indicator")
                            .orElse(true)))
            .orElse(false);
    return new Item(operation, id, payload, critical);
  }
}
