package io.keyflow.ledger;

import io.keyflow.ledger.details.LedgerDetails;
import java.time.Instant;

/**
 * One stored ledger row, exactly as read from {@code ledger_entry}.
 *
 * <p>Identifiers and the action are kept as the stored text rather than parsed into {@code UUID} or
 * {@link LedgerAction}: the verifier must hash what is stored, and a tampered row that no longer
 * parses must be reported as invalid, not crash the verification. Readers ask {@link #kind()} for
 * the action and {@link #details(Class)} for the details record it holds.
 *
 * @param seq position in the chain, 1, 2, 3, … without gaps
 * @param recordedAt when the entry was appended (millisecond precision)
 * @param action a {@link LedgerAction} name
 * @param detailsJson the event's details as canonical JSON (see {@link CanonicalForm})
 * @param prevHash the previous entry's hash (64 zeros for seq 1), lowercase hex
 * @param hash {@code SHA-256(prevHash ‖ canonical form)}, lowercase hex
 */
public record LedgerEntry(
    long seq,
    Instant recordedAt,
    String actor,
    String action,
    String keyId,
    String keyAlias,
    String versionId,
    Integer versionNumber,
    String processInstanceId,
    String detailsJson,
    String prevHash,
    String hash) {

  /**
   * The action, or null when the stored name is no {@link LedgerAction} (a row altered by hand: the
   * verifier reports it).
   */
  public LedgerAction kind() {
    return LedgerAction.named(action);
  }

  /** Whether this entry records {@code action}. */
  public boolean is(LedgerAction action) {
    return action.name().equals(this.action);
  }

  /**
   * The details read as the record its action names (keys it does not know are ignored, missing
   * ones are null).
   *
   * @throws IllegalStateException when the action is unknown or the details do not read as its
   *     record (a row altered by hand)
   */
  public LedgerDetails details() {
    LedgerAction kind = kind();
    if (kind == null) {
      throw new IllegalStateException(
          "Ledger entry " + seq + " has the unknown action '" + action + "'");
    }
    return read(kind.detailsType());
  }

  /**
   * The details as {@link #details()} reads them or, when they do not read (a row altered by hand:
   * the verifier reports it), as much of them as reads: a value of the wrong type is null, and
   * details that are no JSON object at all give the record with every field null. So a reader of
   * the whole ledger goes on past a damaged row. Null when the action is unknown.
   */
  public LedgerDetails detailsOrEmpty() {
    LedgerAction kind = kind();
    if (kind == null) {
      return null;
    }
    try {
      return DetailsCodec.read(detailsJson, kind.detailsType());
    } catch (IllegalArgumentException unreadable) {
      return DetailsCodec.readLeniently(detailsJson, kind.detailsType());
    }
  }

  /**
   * The details as {@code type}, which must be the record the entry's action names.
   *
   * @throws IllegalArgumentException when the action records another type
   * @throws IllegalStateException when the details do not read as {@code type}
   */
  public <T extends LedgerDetails> T details(Class<T> type) {
    LedgerAction kind = kind();
    if (kind == null || kind.detailsType() != type) {
      throw new IllegalArgumentException(
          "Ledger entry "
              + seq
              + " ("
              + action
              + ") does not record "
              + type.getSimpleName()
              + (kind == null ? "" : " but " + kind.detailsType().getSimpleName()));
    }
    return read(type);
  }

  private <T extends LedgerDetails> T read(Class<T> type) {
    try {
      return DetailsCodec.read(detailsJson, type);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "Ledger entry " + seq + " (" + action + ") has unreadable details: " + e.getMessage(), e);
    }
  }
}
