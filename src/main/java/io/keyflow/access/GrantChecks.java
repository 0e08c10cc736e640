package io.keyflow.access;

import io.keyflow.access.internal.KeyGroupRepository;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.RequestInputs;
import io.keyflow.recipient.Recipient;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import io.keyflow.shared.Text;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The rules a grant request must pass, as the registry and the inventory stand now: before the
 * request is recorded, and again at activation, because the system, the key or the group may have
 * changed while the request waited for its approval. Writes nothing.
 */
@Component
class GrantChecks {

  static final int MAX_CREATE_ALLOWANCE = 10_000;

  private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final RecipientRegistry systems;
  private final Keys keys;
  private final KeyPolicies policies;
  private final KeyGroupRepository groups;
  private final AccessSettings settings;

  GrantChecks(
      RecipientRegistry systems,
      Keys keys,
      KeyPolicies policies,
      KeyGroupRepository groups,
      AccessSettings settings) {
    this.systems = systems;
    this.keys = keys;
    this.policies = policies;
    this.groups = groups;
    this.settings = settings;
  }

  /**
   * The operations a key of this purpose can do at all, as its vault role's usage attributes allow
   * (a data key encrypts and decrypts, never wraps; a key-wrapping key wraps and unwraps, never
   * encrypts; a signing key signs and verifies, and so does a MAC key, with tags).
   */
  static Set<AccessOperation> operationsOf(KeyPurpose purpose) {
    return switch (purpose) {
      case DATA_AT_REST, DATA_IN_TRANSIT ->
          EnumSet.of(AccessOperation.ENCRYPT, AccessOperation.DECRYPT, AccessOperation.GET);
      case KEY_WRAPPING ->
          EnumSet.of(AccessOperation.WRAP, AccessOperation.UNWRAP, AccessOperation.GET);
      // A MAC key makes tags (sign) and checks them (verify), nothing else.
      case SIGNING, MAC -> EnumSet.of(AccessOperation.SIGN, AccessOperation.VERIFY);
    };
  }

  /**
   * Checks every rule.
   *
   * @throws Refusal saying which rule the request breaks
   */
  GrantRequest check(
      UUID grantId,
      Object systemValue,
      Object aliasValue,
      Object groupValue,
      Object operationsValue,
      Object durationValue,
      Object justificationValue,
      Object allowanceValue,
      Object purposeValue) {
    Recipient system = system(systemValue);
    List<AccessOperation> operations = operations(operationsValue);
    Duration duration = duration(durationValue);
    String justification = justification(justificationValue);
    boolean hasAlias = present(aliasValue);
    boolean hasGroup = present(groupValue);
    if (operations.contains(AccessOperation.CREATE)) {
      if (operations.size() > 1 || hasAlias || hasGroup) {
        throw new Refusal(
            Kind.INVALID_REQUEST,
            "create is granted on its own, without a key or group: the system may create keys of"
                + " one purpose within an allowance; request the use of existing keys separately");
      }
      return new GrantRequest(
          grantId,
          system,
          null,
          null,
          operations,
          duration,
          justification,
          allowance(allowanceValue),
          purpose(purposeValue));
    }
    if (present(allowanceValue) || present(purposeValue)) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "createAllowance and createPurpose belong to a create grant only");
    }
    if (hasAlias == hasGroup) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "Name either alias (one key) or keyGroup (a key group), not "
              + (hasAlias ? "both" : "neither"));
    }
    if (hasAlias) {
      ManagedKey key = key(RequestInputs.alias(aliasValue));
      checkKey(system, key, operations);
      return new GrantRequest(
          grantId, system, key, null, operations, duration, justification, null, null);
    }
    KeyGroup group = group(groupValue);
    if (group.environment() != system.environment()) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "Key group '"
              + group.name()
              + "' is a "
              + group.environment()
              + " group and system '"
              + system.name()
              + "' a "
              + system.environment()
              + " system: keys never cross environments");
    }
    for (String alias : group.members()) {
      checkKey(system, key(alias), operations);
    }
    return new GrantRequest(
        grantId, system, null, group, operations, duration, justification, null, null);
  }

  /** A registered, non-revoked system. */
  Recipient system(Object value) {
    if (!(value instanceof String name) || name.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, "system is required: the registered system's name");
    }
    RecipientRegistry.checkName(name.strip());
    Recipient system =
        systems
            .find(name.strip())
            .orElseThrow(
                () -> new Refusal(Kind.NOT_FOUND, "No registered system '" + name.strip() + "'"));
    if (system.isRevoked()) {
      throw new Refusal(
          Kind.STATE_TRANSITION_FORBIDDEN,
          "System '" + system.name() + "' is revoked: a revoked system is granted nothing");
    }
    return system;
  }

  /** A key that still has material, in the system's environment, able to do every operation. */
  void checkKey(Recipient system, ManagedKey key, List<AccessOperation> operations) {
    if (keys.versions(key.id()).stream().noneMatch(v -> v.state().isLive())) {
      throw new Refusal(
          Kind.STATE_TRANSITION_FORBIDDEN,
          "Key '" + key.alias() + "' is destroyed: no version of it is left to use");
    }
    if (key.environment() != system.environment()) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "Key '"
              + key.alias()
              + "' is a "
              + key.environment()
              + " key and system '"
              + system.name()
              + "' a "
              + system.environment()
              + " system: keys never cross environments");
    }
    Set<AccessOperation> possible = operationsOf(key.purpose());
    for (AccessOperation operation : operations) {
      if (!possible.contains(operation)) {
        throw new Refusal(
            Kind.POLICY_VIOLATED,
            "Key '"
                + key.alias()
                + "' is a "
                + key.purpose()
                + " key and cannot "
                + operation.wireName()
                + "; it can "
                + possible.stream().map(AccessOperation::wireName).sorted().toList());
      }
    }
    if (operations.contains(AccessOperation.GET)
        && !(key.exportable() && policies.forPurpose(key.purpose()).exportAllowed())) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "Key '"
              + key.alias()
              + "' is not exportable"
              + (key.exportable() ? " under the " + key.purpose() + " policy" : "")
              + ": get (export of the key itself) is never granted for it");
    }
  }

  ManagedKey key(String alias) {
    return keys.findByAlias(alias)
        .orElseThrow(() -> new Refusal(Kind.NOT_FOUND, "No key with alias '" + alias + "'"));
  }

  KeyGroup group(Object value) {
    String name = groupName(value);
    return groups
        .find(name)
        .orElseThrow(() -> new Refusal(Kind.NOT_FOUND, "No key group '" + name + "'"));
  }

  static String groupName(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, "keyGroup is required: the key group's name");
    }
    if (!GROUP_NAME.matcher(text.strip()).matches()) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "keyGroup must be 1 to 64 characters: letters, digits, '.', '_' and '-'");
    }
    return text.strip();
  }

  static List<AccessOperation> operations(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "operations is required: a comma-separated list such as 'encrypt,decrypt'");
    }
    List<AccessOperation> operations = new ArrayList<>();
    for (String name : text.split(",")) {
      AccessOperation operation = AccessOperation.parse(name);
      if (!operations.contains(operation)) {
        operations.add(operation);
      }
    }
    operations.sort(null);
    return operations;
  }

  Duration duration(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "duration is required: ISO-8601, e.g. P90D for 90 days");
    }
    Duration duration;
    try {
      duration = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "duration '"
              + Text.abbreviate(text.strip(), 32)
              + "' is not an ISO-8601 duration; write e.g. P90D (90 days) or PT12H (12 hours)");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new Refusal(Kind.INVALID_REQUEST, "duration must be positive");
    }
    if (duration.compareTo(settings.maxGrantDuration()) > 0) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "duration "
              + duration
              + " is longer than the longest grant, "
              + settings.maxGrantDuration()
              + " (keyflow.access.max-grant-duration)");
    }
    return duration;
  }

  private static String justification(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "justification is required: say why the system needs it");
    }
    if (text.length() > RequestInputs.MAX_REASON) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "justification is longer than " + RequestInputs.MAX_REASON + " characters");
    }
    return text.strip();
  }

  private static int allowance(Object value) {
    String text =
        value instanceof Number n
            ? String.valueOf(n.longValue())
            : value instanceof String s ? s.strip() : "";
    if (!text.matches("[1-9][0-9]{0,8}") || Long.parseLong(text) > MAX_CREATE_ALLOWANCE) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "createAllowance must be a whole number from 1 to " + MAX_CREATE_ALLOWANCE);
    }
    return Integer.parseInt(text);
  }

  private static KeyPurpose purpose(Object value) {
    if (value instanceof String text && !text.isBlank()) {
      try {
        return KeyPurpose.valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // refused below
      }
    }
    throw new Refusal(
        Kind.INVALID_REQUEST,
        "createPurpose must be one of " + List.of(KeyPurpose.values()) + " for a create grant");
  }

  private static boolean present(Object value) {
    return value != null && !(value instanceof String text && text.isBlank());
  }
}
