package io.keyflow.access;

import io.keyflow.access.internal.KeyGroupRepository;
import io.keyflow.access.internal.UsageRepository;
import io.keyflow.access.internal.UsageRepository.Usage;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * How a grant's system used the grant's keys, as {@code key_usage} holds it (written in batches: up
 * to {@code keyflow.access.usage-flush-interval} behind the calls).
 */
@Service
public class GrantUsage {

  /** One system's use of one key for one operation. */
  public record Line(
      String system,
      String alias,
      String operation,
      long uses,
      long refusals,
      Instant firstUse,
      Instant lastUse,
      Instant lastRefused) {}

  private final UsageRepository usage;
  private final KeyGroupRepository groups;

  GrantUsage(UsageRepository usage, KeyGroupRepository groups) {
    this.usage = usage;
    this.groups = groups;
  }

  /** The usage lines of the grant's system on its key or on its group's keys, its operations. */
  public List<Line> of(Grant grant) {
    Set<String> aliases = new HashSet<>();
    if (grant.keyAlias() != null) {
      aliases.add(grant.keyAlias());
    } else if (grant.keyGroup() != null) {
      aliases.addAll(groups.members(grant.keyGroup()));
    }
    return usage.find(grant.system(), grant.keyAlias()).stream()
        .filter(u -> aliases.contains(u.alias()))
        .filter(u -> grant.operations().stream().anyMatch(o -> o.wireName().equals(u.operation())))
        .map(GrantUsage::line)
        .toList();
  }

  /** Every usage line of a key (null: every key). */
  public List<Line> ofKey(String alias) {
    return usage.find(null, alias).stream().map(GrantUsage::line).toList();
  }

  private static Line line(Usage u) {
    return new Line(
        u.system(),
        u.alias(),
        u.operation(),
        u.uses(),
        u.refusals(),
        u.firstUse(),
        u.lastUse(),
        u.lastRefused());
  }
}
