package io.keyflow.compliance;

import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import java.util.List;
import java.util.Optional;

/** A managed key with all its versions, oldest first. */
record KeyRecord(ManagedKey key, List<KeyVersion> versions) {

  KeyRecord {
    versions = List.copyOf(versions);
  }

  Optional<KeyVersion> primary() {
    return versions.stream().filter(v -> v.id().equals(key.primaryVersionId())).findFirst();
  }
}
