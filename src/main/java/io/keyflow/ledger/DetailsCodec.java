package io.keyflow.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyflow.ledger.details.LedgerDetails;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link LedgerDetails} record into the details map that {@link CanonicalForm#detailsJson}
 * writes, and stored details JSON back into its record.
 *
 * <p>One rule for absent values, here only: a null component is left out of the JSON, so an entry
 * holds the facts it has. Reading tolerates both that and the explicit nulls older entries hold;
 * keys a record does not know are ignored. Times are ISO-8601 text ({@code Instant.toString()}),
 * UUIDs and enums their text, so the stored bytes are those the map-based writers produced. Byte
 * and char arrays are refused: key material never enters the ledger.
 */
final class DetailsCodec {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(
              new SimpleModule("no-key-material")
                  .addSerializer(byte[].class, new KeyMaterialRefused<>(byte[].class))
                  .addSerializer(char[].class, new KeyMaterialRefused<>(char[].class)))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  /**
   * The reader of last resort for a row whose details do not read as its record: a value of the
   * wrong type becomes null, so the row's other facts are still read, as the readers of the details
   * maps did.
   */
  private static final JsonMapper LENIENT =
      JSON.rebuild()
          .addHandler(
              new DeserializationProblemHandler() {
                @Override
                public Object handleWeirdStringValue(
                    DeserializationContext context, Class<?> type, String value, String failure) {
                  return null;
                }

                @Override
                public Object handleWeirdNumberValue(
                    DeserializationContext context, Class<?> type, Number value, String failure) {
                  return null;
                }

                @Override
                public Object handleUnexpectedToken(
                    DeserializationContext context,
                    JavaType type,
                    JsonToken token,
                    JsonParser parser,
                    String failure)
                    throws IOException {
                  parser.skipChildren();
                  return null;
                }
              })
          .build();

  private DetailsCodec() {}

  /** The record as a details map (nulls left out), ready for {@link CanonicalForm}. */
  static Map<String, Object> toMap(LedgerDetails details) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) written(details);
    return map;
  }

  /** Any value as the plain maps, lists and scalars it is written as. */
  static Object written(Object value) {
    return plain(tree(value), "details");
  }

  /**
   * A copy of the record as it will be written and read back, so that later changes to a list the
   * caller passed in do not reach the entry; refuses what cannot be written.
   */
  static <T extends LedgerDetails> T copy(T details) {
    JsonNode tree = tree(details);
    plain(tree, "details");
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) details.getClass();
    try {
      return JSON.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Ledger details " + type.getSimpleName() + " do not read back as written", e);
    }
  }

  private static JsonNode tree(Object value) {
    try {
      return JSON.valueToTree(value);
    } catch (IllegalArgumentException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof KeyMaterial refused) {
          throw refused;
        }
      }
      throw new IllegalArgumentException(
          "Ledger details " + value.getClass().getSimpleName() + " cannot be written", e);
    }
  }

  /**
   * The stored details JSON read as {@code type}.
   *
   * @throws IllegalArgumentException when the JSON does not read as that record (a tampered row)
   */
  static <T extends LedgerDetails> T read(String detailsJson, Class<T> type) {
    try {
      return JSON.readValue(detailsJson == null ? "{}" : detailsJson, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "The details do not read as " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The stored details read as {@code type}, with values of the wrong type read as null; a record
   * with every field null when even that fails.
   */
  static <T extends LedgerDetails> T readLeniently(String detailsJson, Class<T> type) {
    try {
      return LENIENT.readValue(detailsJson == null ? "{}" : detailsJson, type);
    } catch (JsonProcessingException unreadable) {
      return read("{}", type);
    }
  }

  /** Jackson's tree as plain maps, lists, strings, numbers and booleans. */
  private static Object plain(JsonNode node, String name) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(f -> map.put(f.getKey(), plain(f.getValue(), f.getKey())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(plain(item, name)));
      return list;
    }
    if (node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    throw new IllegalArgumentException(
        "Ledger detail '" + name + "' has no JSON form (" + node.getNodeType() + ")");
  }

  /** The refusal of a byte or char array, carried out of Jackson. */
  private static final class KeyMaterial extends IllegalArgumentException {
    KeyMaterial(String name) {
      super(
          "Ledger detail '"
              + name
              + "' is a byte or char array; key material never enters the ledger");
    }
  }

  private static final class KeyMaterialRefused<T> extends StdSerializer<T> {
    KeyMaterialRefused(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      String name = gen.getOutputContext().getCurrentName();
      throw new KeyMaterial(name == null ? "?" : name);
    }
  }
}
