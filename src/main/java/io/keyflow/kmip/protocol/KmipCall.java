package io.keyflow.kmip.protocol;

import io.keyflow.kmip.ttlv.Tag;
import io.keyflow.kmip.ttlv.Ttlv;
import java.util.Optional;

/**
 * One batch item as an operation sees it: who calls, in which protocol version, and the batch's ID
 * placeholder (section 3.28 of the KMIP 1.x profile: an operation that makes or finds an object
 * sets it; a later item of the same batch that names no Unique Identifier means that object).
 */
public final class KmipCall {

  private final KmipClient client;
  private final ProtocolVersion version;
  private final Batch batch;
  private final Catalogue catalogue;

  KmipCall(KmipClient client, ProtocolVersion version, Batch batch, Catalogue catalogue) {
    this.client = client;
    this.version = version;
    this.batch = batch;
    this.catalogue = catalogue;
  }

  /** What the server offers (for Query). */
  public Catalogue catalogue() {
    return catalogue;
  }

  public KmipClient client() {
    return client;
  }

  public ProtocolVersion version() {
    return version;
  }

  /** The ID placeholder left by an earlier item of this batch, if any. */
  public Optional<String> idPlaceholder() {
    return Optional.ofNullable(batch.idPlaceholder);
  }

  /** Sets the ID placeholder for the following items of this batch. */
  public void setIdPlaceholder(String uniqueIdentifier) {
    batch.idPlaceholder = uniqueIdentifier;
  }

  /**
   * The Unique Identifier the payload names, else the ID placeholder; refuses (Missing Data) when
   * there is neither.
   */
  public String uniqueIdentifier(Ttlv.Structure payload) {
    Optional<String> named =
        Payloads.optionalText(payload, Tag.UNIQUE_IDENTIFIER, "Unique Identifier");
    return named
        .or(this::idPlaceholder)
        .orElseThrow(
            () ->
                new KmipFailure(
                    ResultReason.MISSING_DATA,
                    "The request names no Unique Identifier and no earlier item of this batch set"
                        + " the ID placeholder"));
  }

  /** What the items of one request message share. */
  static final class Batch {
    private String idPlaceholder;
  }
}
