package io.keyflow.access;

import io.keyflow.key.Environment;
import java.time.Instant;
import java.util.List;

/**
 * A named set of keys of one environment, for a system that needs many: a grant on the group covers
 * every key in it, including keys added later (each addition an officer's recorded act).
 *
 * @param members the aliases of its keys, sorted
 */
public record KeyGroup(
    String name,
    Environment environment,
    String description,
    Instant createdAt,
    String createdBy,
    List<String> members) {

  public KeyGroup {
    members = List.copyOf(members);
  }
}
