package io.keyflow.kmip.protocol;

import io.keyflow.kmip.ttlv.Ttlv;
import java.util.List;

/**
 * One KMIP operation, one class: a Spring bean the {@link RequestProcessor} dispatches to by its
 * {@link #operation()}. It reads its request payload, checks everything before it changes anything
 * (a refusal is a {@link KmipFailure} with a reason and a message) and returns its response
 * payload. Operations that need the caller's grants get them through {@link KmipCall#client()}.
 */
public interface KmipOperation {

  Operation operation();

  /**
   * Answers one batch item.
   *
   * @param payload the item's Request Payload
   * @return the Response Payload (tag {@code Response Payload})
   * @throws KmipFailure when the item fails; the other items of the batch are unaffected
   */
  Ttlv.Structure answer(Ttlv.Structure payload, KmipCall call);

  /**
   * Whether Query lists this operation: false for one that is understood only to be refused (a
   * client should not be told it can register keys).
   */
  default boolean offered() {
    return true;
  }

  /** The Object Type values this operation makes or serves, for Query's object list. */
  default List<Integer> objectTypes() {
    return List.of();
  }
}
