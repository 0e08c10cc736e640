package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.ledger.details.CampaignRequest;
import io.keyflow.ledger.details.KeyCompromiseReported;
import io.keyflow.ledger.details.KeyGenerated;
import io.keyflow.ledger.details.KeyRotated;
import io.keyflow.ledger.details.LedgerDetails;
import io.keyflow.ledger.details.OfficerDecision;
import io.keyflow.ledger.details.RequestRefused;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ledger's schema: every action names a details record, every record is written under its
 * component names and read back as itself, and no record can hold key material.
 */
class LedgerDetailsTest {

  private static final Set<Class<?>> SCALARS =
      Set.of(
          String.class, Boolean.class, Integer.class, Long.class, Instant.class, LocalDate.class);

  @Test
  void everyActionNamesARecordOfTheSchemaAndEveryRecordIsNamedByAnAction() {
    Set<Class<?>> named = new HashSet<>();
    for (LedgerAction action : LedgerAction.values()) {
      Class<? extends LedgerDetails> type = action.detailsType();
      assertThat(type.isRecord()).as(action + " → " + type).isTrue();
      assertThat(type.getPackage()).isEqualTo(LedgerDetails.class.getPackage());
      named.add(type);
    }
    assertThat(named).containsExactlyInAnyOrderElementsOf(records(LedgerDetails.class));
  }

  @Test
  void everyActionsRecordIsWrittenAndReadBackAsItselfWithEveryComponentSet() {
    for (LedgerAction action : LedgerAction.values()) {
      LedgerDetails sample = (LedgerDetails) sample(action.detailsType());
      LedgerEvent event = LedgerEvent.builder(action, "alice").details(sample).build();

      LedgerEntry entry = entry(action.name(), event.detailsJson());

      assertThat(entry.kind()).isEqualTo(action);
      assertThat(entry.details()).as(action.name()).isEqualTo(sample);
      assertThat(entry.details(action.detailsType())).isEqualTo(sample);
      for (RecordComponent component : action.detailsType().getRecordComponents()) {
        assertThat(event.detailsJson())
            .as(action + " writes " + component.getName())
            .contains("\"" + component.getName() + "\":");
      }
    }
  }

  @Test
  void missingDetailsReadAsNullAndUnknownOnesAreIgnored() {
    KeyGenerated generated =
        entry("KEY_GENERATED", "{\"kcv\":\"a1b2c3\",\"somethingLater\":{\"x\":1},\"local\":null}")
            .details(KeyGenerated.class);

    assertThat(generated.kcv()).isEqualTo("a1b2c3");
    assertThat(generated.local()).isNull();
    assertThat(generated.hsmLabel()).isNull();
    assertThat(entry("KEY_GENERATED", "{}").details(KeyGenerated.class))
        .isEqualTo(
            new KeyGenerated(
                null, null, null, null, null, null, null, null, null, null, null, null, null,
                null));
  }

  @Test
  void anEntryIsReadOnlyAsTheRecordItsActionNames() {
    LedgerEntry rotated = entry("KEY_ROTATED", "{}");

    assertThat(rotated.details()).isInstanceOf(KeyRotated.class);
    assertThatThrownBy(() -> rotated.details(KeyGenerated.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not record KeyGenerated but KeyRotated");
  }

  @Test
  void aTamperedEntryIsNamedAsSuchAndTheTolerantReadGivesAnEmptyRecord() {
    LedgerEntry unknown = entry("KEY_TELEPORTED", "{}");
    LedgerEntry garbled = entry("KEY_COMPROMISE_REPORTED", "{\"versions\":\"not a list\"");

    assertThat(unknown.kind()).isNull();
    assertThat(unknown.is(LedgerAction.KEY_GENERATED)).isFalse();
    assertThatThrownBy(unknown::details).hasMessageContaining("unknown action 'KEY_TELEPORTED'");
    assertThat(unknown.detailsOrEmpty()).isNull();
    assertThatThrownBy(garbled::details)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unreadable details");
    assertThat(garbled.detailsOrEmpty())
        .isEqualTo(
            new KeyCompromiseReported(
                null, null, null, null, null, null, null, null, null, null, null));
  }

  @Test
  void aDamagedRowKeepsTheFactsThatStillReadWhenReadTolerantly() {
    LedgerEntry damaged =
        entry(
            "KEY_GENERATED",
            "{\"kcv\":\"a1b2c3\",\"protectStop\":\"next year\",\"local\":\"maybe\","
                + "\"approvedBy\":[\"bob\"],\"hsmLabel\":\"keyflow/k/v1\"}");

    assertThatThrownBy(damaged::details).hasMessageContaining("unreadable details");
    assertThat(damaged.detailsOrEmpty())
        .isEqualTo(
            new KeyGenerated(
                null,
                null,
                null,
                null,
                null,
                "a1b2c3",
                null,
                "keyflow/k/v1",
                null,
                null,
                null,
                null,
                null,
                null));
  }

  @Test
  void noRecordCanHoldKeyMaterialOrAValueWithoutAStableJsonForm() {
    for (Class<?> type : records(LedgerDetails.class)) {
      assertWritable(type, type.getSimpleName());
    }
  }

  @Test
  void byteAndCharArraysAreRefusedWhereverTheySit() {
    record Material(List<byte[]> wrapped) {}
    record Pin(char[] pin) {}

    assertThatThrownBy(() -> DetailsCodec.written(new Material(List.of(new byte[] {1}))))
        .hasMessageContaining("key material never enters the ledger");
    assertThatThrownBy(() -> DetailsCodec.written(new Pin("1234".toCharArray())))
        .hasMessage(
            "Ledger detail 'pin' is a byte or char array; key material never enters the ledger");
  }

  @Test
  void theActionsSayWhatTheyAreForTheReaders() {
    assertThat(LedgerAction.KEY_ROTATION_APPROVED.noun()).isEqualTo("ROTATION");
    assertThat(LedgerAction.KEY_ROTATION_APPROVED.verb()).isEqualTo("APPROVED");
    assertThat(LedgerAction.ROTATION_CAMPAIGN_REJECTED.noun()).isEqualTo("ROTATION_CAMPAIGN");
    assertThat(LedgerAction.KEY_DECRYPT_EXCEPTION_REFUSED.noun()).isEqualTo("DECRYPT_EXCEPTION");
    for (LedgerAction action : LedgerAction.values()) {
      String name = action.name();
      assertThat(action.isDecision())
          .as(name)
          .isEqualTo(name.matches(".*_(APPROVED|REJECTED)|KEY_COMPROMISE_(CONFIRMED|DISMISSED)"));
      assertThat(action.isApproved()).as(name).isEqualTo(name.endsWith("_APPROVED"));
      assertThat(action.isRejected()).as(name).isEqualTo(name.endsWith("_REJECTED"));
      assertThat(action.isRefusal()).as(name).isEqualTo(name.endsWith("_REFUSED"));
      assertThat(action.isRefusal())
          .isEqualTo(RequestRefused.class.isAssignableFrom(action.detailsType()));
      assertThat(action.isRequest())
          .as(name)
          .isEqualTo(name.endsWith("_REQUESTED") || name.equals("KEY_COMPROMISE_REPORTED"));
      assertThat(action.isDecision()).isEqualTo(action.detailsType() == OfficerDecision.class);
      assertThat(LedgerAction.named(name)).isSameAs(action);
    }
    assertThat(
            CampaignRequest.class.isAssignableFrom(
                LedgerAction.ROTATION_CAMPAIGN_REQUESTED.detailsType()))
        .isTrue();
    assertThat(LedgerAction.named("KEY_TELEPORTED")).isNull();
    assertThat(LedgerAction.named(null)).isNull();
  }

  /** The records of a sealed hierarchy. */
  private static List<Class<?>> records(Class<?> sealed) {
    List<Class<?>> found = new ArrayList<>();
    for (Class<?> permitted : sealed.getPermittedSubclasses()) {
      if (permitted.isRecord()) {
        found.add(permitted);
      } else {
        found.addAll(records(permitted));
      }
    }
    return found;
  }

  private static void assertWritable(Type type, String path) {
    if (type instanceof ParameterizedType generic) {
      Class<?> raw = (Class<?>) generic.getRawType();
      Type[] arguments = generic.getActualTypeArguments();
      if (raw == List.class) {
        assertWritable(arguments[0], path + "[]");
        return;
      }
      assertThat(raw).as(path).isEqualTo(Map.class);
      assertThat(Arrays.asList(arguments)).as(path).containsExactly(String.class, String.class);
      return;
    }
    Class<?> plain = (Class<?>) type;
    if (plain.isRecord()) {
      for (RecordComponent component : plain.getRecordComponents()) {
        assertWritable(component.getGenericType(), path + "." + component.getName());
      }
      return;
    }
    assertThat(SCALARS).as(path + " is " + plain.getName()).contains(plain);
  }

  /** An instance of a details record (or a value of a component type) with every part set. */
  private static Object sample(Type type) {
    if (type instanceof ParameterizedType generic) {
      Type[] arguments = generic.getActualTypeArguments();
      return generic.getRawType() == List.class
          ? List.of(sample(arguments[0]))
          : Map.of("1", "ACTIVE");
    }
    Class<?> plain = (Class<?>) type;
    if (plain.isRecord()) {
      RecordComponent[] components = plain.getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        values[i] = sample(components[i].getGenericType());
        types[i] = components[i].getType();
      }
      try {
        return plain.getDeclaredConstructor(types).newInstance(values);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(plain + " cannot be made", e);
      }
    }
    if (plain == String.class) {
      return "text";
    }
    if (plain == Boolean.class) {
      return true;
    }
    if (plain == Integer.class) {
      return 7;
    }
    if (plain == Long.class) {
      return 7_000_000_000L;
    }
    if (plain == Instant.class) {
      return Instant.parse("2026-03-01T10:15:30.123456Z");
    }
    if (plain == LocalDate.class) {
      return LocalDate.parse("2026-03-01");
    }
    throw new AssertionError("No sample for " + plain);
  }

  private static LedgerEntry entry(String action, String detailsJson) {
    return new LedgerEntry(
        1,
        Instant.parse("2026-03-01T10:15:30.123Z"),
        "alice",
        action,
        null,
        null,
        null,
        null,
        null,
        detailsJson,
        CanonicalForm.GENESIS_HASH,
        null);
  }
}
