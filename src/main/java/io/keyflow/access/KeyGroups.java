package io.keyflow.access;

import io.keyflow.access.internal.KeyGroupRepository;
import io.keyflow.key.Environment;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.RequestInputs;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyGroupChange;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key groups, changed by officers only, each change a ledger entry. Adding a key to a group extends
 * every live grant on the group to that key at once — it is the officer's act, recorded with the
 * number of grants it reached — so a key is added only when every such grant's system may have it
 * (same environment, operations the key can do).
 */
@Service
public class KeyGroups {

  private final KeyGroupRepository groups;
  private final Grants grants;
  private final GrantChecks checks;
  private final Ledger ledger;
  private final Clock clock;

  KeyGroups(
      KeyGroupRepository groups, Grants grants, GrantChecks checks, Ledger ledger, Clock clock) {
    this.groups = groups;
    this.grants = grants;
    this.checks = checks;
    this.ledger = ledger;
    this.clock = clock;
  }

  public List<KeyGroup> all() {
    return groups.all();
  }

  public KeyGroup get(String name) {
    return checks.group(name);
  }

  @Transactional
  public KeyGroup create(String name, String environment, String description, String officer) {
    String group = GrantChecks.groupName(name);
    Environment env = Environment.parse(environment);
    String text = description == null ? null : description.strip();
    if (text != null && text.length() > RequestInputs.MAX_REASON) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "description is longer than " + RequestInputs.MAX_REASON + " characters");
    }
    if (groups.find(group).isPresent()) {
      throw new Refusal(Kind.CONFLICT, "Key group '" + group + "' exists already");
    }
    groups.insert(new KeyGroup(group, env, text, clock.instant(), officer, List.of()));
    record(LedgerAction.KEY_GROUP_CREATED, officer, null, group, env, text, 0);
    return groups.find(group).orElseThrow();
  }

  /**
   * Adds a key; every live grant on the group covers it from now on.
   *
   * @throws Refusal when the key is unknown, in the group already, or not one every live grant's
   *     system may have
   */
  @Transactional
  public KeyGroup add(String name, String alias, String officer) {
    KeyGroup group = locked(name);
    ManagedKey key = key(alias);
    if (groups.isMember(group.name(), key.id())) {
      throw new Refusal(
          Kind.CONFLICT, "Key '" + key.alias() + "' is in group '" + group.name() + "' already");
    }
    if (key.environment() != group.environment()) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "Key '"
              + key.alias()
              + "' is a "
              + key.environment()
              + " key and group '"
              + group.name()
              + "' a "
              + group.environment()
              + " group: keys never cross environments");
    }
    List<Grant> live = grants.openOnGroup(group.name());
    for (Grant grant : live) {
      checks.checkKey(checks.system(grant.system()), key, grant.operations());
    }
    groups.add(group.name(), key.id(), clock.instant(), officer);
    grants.forgetCachedAnswers();
    record(
        LedgerAction.KEY_GROUP_KEY_ADDED,
        officer,
        key,
        group.name(),
        group.environment(),
        group.description(),
        live.size());
    return groups.find(group.name()).orElseThrow();
  }

  /** Removes a key; grants on the group no longer cover it (at once on this node). */
  @Transactional
  public KeyGroup remove(String name, String alias, String officer) {
    KeyGroup group = locked(name);
    ManagedKey key = key(alias);
    if (!groups.remove(group.name(), key.id())) {
      throw new Refusal(
          Kind.NOT_FOUND, "Key '" + key.alias() + "' is not in group '" + group.name() + "'");
    }
    record(
        LedgerAction.KEY_GROUP_KEY_REMOVED,
        officer,
        key,
        group.name(),
        group.environment(),
        group.description(),
        grants.openOnGroup(group.name()).size());
    grants.forgetCachedAnswers();
    return groups.find(group.name()).orElseThrow();
  }

  private KeyGroup locked(String name) {
    KeyGroup group = checks.group(name);
    groups.lock(group.name());
    return group;
  }

  private ManagedKey key(String alias) {
    return checks.key(RequestInputs.alias(alias));
  }

  private void record(
      LedgerAction action,
      String officer,
      ManagedKey key,
      String group,
      Environment environment,
      String description,
      int liveGrants) {
    ledger.append(
        LedgerEvent.builder(action, officer)
            .key(key == null ? null : key.id(), key == null ? null : key.alias())
            .details(
                new KeyGroupChange(
                    group,
                    environment.name(),
                    description,
                    key == null ? null : key.alias(),
                    liveGrants))
            .build());
  }
}
