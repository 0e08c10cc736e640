package io.keyflow.rotation;

import io.keyflow.key.KeyVersion;
import java.util.List;

/**
 * The outcome of a rotation: the new ACTIVE primary version, the old version now DEACTIVATED (null
 * after an emergency rotation, which deactivates nothing), and the recipients that held the old
 * version and must receive the new one.
 */
public record RotationRecorded(
    KeyVersion newVersion, KeyVersion oldVersion, List<String> recipientsToRedistribute) {

  public RotationRecorded {
    recipientsToRedistribute = List.copyOf(recipientsToRedistribute);
  }
}
