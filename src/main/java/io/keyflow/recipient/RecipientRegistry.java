package io.keyflow.recipient;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.Ledger;
import io.keyflow.security.SystemIdentities;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import io.keyflow.shared.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The registry of recipient systems (procedure 4.2): registration, update and revocation by
 * security officers, each checked in full before anything changes and written to the ledger in the
 * same transaction.
 */
@Service
public class RecipientRegistry {

  /** Recipient names appear in URLs, ledger entries and process variables: short and plain. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  static final int MAX_REASON = 2000;

  /**
   * What an officer submits to register or update a recipient.
   *
   * @param wrappingPublicKeyPem optional: the RSA key packages are wrapped under; defaults to the
   *     certificate's key
   * @param kekAlias optional: a KEY_WRAPPING AES-256 key whose primary version wraps packages
   *     (AES-KWP), for recipients that are themselves HSMs holding the same KEK
   * @param owner optional: the person responsible for the system (a user id or e-mail address); on
   *     an update, null keeps the current owner and a blank value clears it
   * @param description optional: what the system is; on an update, null keeps the current one and a
   *     blank value clears it
   */
  public record Registration(
      String name,
      String environment,
      String certificatePem,
      String wrappingPublicKeyPem,
      String kekAlias,
      String webhookUrl,
      String owner,
      String description) {

    /** A registration without owner or description. */
    public Registration(
        String name,
        String environment,
        String certificatePem,
        String wrappingPublicKeyPem,
        String kekAlias,
        String webhookUrl) {
      this(
          name,
          environment,
          certificatePem,
          wrappingPublicKeyPem,
          kekAlias,
          webhookUrl,
          null,
          null);
    }
  }

  /** Owners are user ids or e-mail addresses. */
  static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

  static final int MAX_DESCRIPTION = 2000;

  /** The most live certificates a system holds at once (rotation needs two). */
  static final int MAX_LIVE_CERTIFICATES = 8;

  /** Reserved: {@code /api/systems/self} is "who am I". */
  static final String SELF = "self";

  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

  private final RecipientRepository recipients;
  private final SystemCertificateRepository certificates;
  private final SystemIdentities identities;
  private final Keys keys;
  private final Ledger ledger;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final boolean allowLoopbackHttp;

  RecipientRegistry(
      RecipientRepository recipients,
      SystemCertificateRepository certificates,
      SystemIdentities identities,
      Keys keys,
      Ledger ledger,
      Clock clock,
      ApplicationEventPublisher events,
      org.springframework.core.env.Environment spring) {
    this.recipients = recipients;
    this.certificates = certificates;
    this.identities = identities;
    this.events = events;
    this.allowLoopbackHttp = !spring.matchesProfiles("production");
    this.keys = keys;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Registers a new system; writes {@code RECIPIENT_REGISTERED}. Without a certificate the system
   * signs in only as the {@code key-user} login of its name; without a wrapping key (none given and
   * no certificate whose key could serve) it receives no packages.
   */
  @Transactional
  public Recipient register(Registration registration, String actor) {
    requireActor(actor);
    String name = checkName(registration.name());
    if (SELF.equalsIgnoreCase(name)) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "name 'self' is reserved (/api/systems/self answers who is calling); choose another");
    }
    Environment environment =
        Environment.parse(required(registration.environment(), "environment"));
    if (recipients.findByName(name).isPresent()) {
      throw new Refusal(Kind.CONFLICT, "A recipient named '" + name + "' is already registered");
    }
    Instant now = clock.instant();
    String webhookUrl = WebhookUrls.check(registration.webhookUrl(), allowLoopbackHttp);
    String owner = checkOwner(registration.owner());
    String description = checkDescription(registration.description());
    Credentials credentials = check(registration, environment, null, now);
    Recipient recipient =
        Recipient.registered(
            name, environment, credentials, webhookUrl, owner, description, now, actor);
    try {
      recipients.insert(recipient);
      if (credentials.certificate() != null) {
        certificates.insert(
            SystemCertificate.added(credentials.certificate(), recipient.id(), now, actor));
      }
    } catch (DuplicateKeyException e) {
      throw new Refusal(
          Kind.CONFLICT,
          "A recipient with this name or certificate was registered at the same time");
    }
    ledger.append(RecipientLedgerEvents.registered(actor, recipient));
    forgetAfterCommit();
    return recipient;
  }

  /**
   * Replaces a recipient's credentials (certificate renewal, new wrapping key or KEK); name and
   * environment never change. A certificate given here becomes the system's only live one (the
   * others are removed: a renewal); without one the certificates stay as they are (rotation without
   * downtime is {@link #addCertificate} then {@link #removeCertificate}). Writes {@code
   * RECIPIENT_UPDATED} with the previous fingerprints.
   */
  @Transactional
  public Recipient update(String name, Registration registration, String actor) {
    requireActor(actor);
    Recipient current = recipients.lockByName(checkName(name)).orElseThrow(() -> unknown(name));
    current.requireActive();
    if (registration.name() != null && !registration.name().equals(current.name())) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "A recipient's name cannot change; register a new recipient instead");
    }
    if (registration.environment() != null
        && Environment.parse(registration.environment()) != current.environment()) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "A recipient's environment cannot change (it is "
              + current.environment()
              + "); register a new recipient instead");
    }
    Instant now = clock.instant();
    String webhookUrl = WebhookUrls.check(registration.webhookUrl(), allowLoopbackHttp);
    String owner =
        registration.owner() == null ? current.owner() : checkOwner(registration.owner());
    String description =
        registration.description() == null
            ? current.description()
            : checkDescription(registration.description());
    Credentials credentials = check(registration, current.environment(), current, now);
    Recipient updated =
        current.withCredentials(credentials, webhookUrl, owner, description, now, actor);
    try {
      recipients.update(updated);
      if (credentials.certificate() != null) {
        String renewed = credentials.certificate().sha256();
        for (SystemCertificate live : certificates.liveOf(current.id())) {
          if (!live.sha256().equals(renewed)) {
            certificates.remove(live.sha256(), now, actor, "replaced by " + renewed);
          }
        }
        if (certificates.find(renewed).isEmpty()) {
          certificates.insert(
              SystemCertificate.added(credentials.certificate(), current.id(), now, actor));
        }
      }
    } catch (DuplicateKeyException e) {
      throw new Refusal(
          Kind.CONFLICT, "This certificate was registered for another recipient at the same time");
    }
    ledger.append(RecipientLedgerEvents.updated(actor, updated, current));
    forgetAfterCommit();
    return updated;
  }

  /**
   * Adds a live client certificate to a system (the first step of rotating it without downtime);
   * the newest becomes the one the system's view shows. Writes {@code SYSTEM_CERTIFICATE_ADDED}.
   */
  @Transactional
  public Recipient addCertificate(String name, String certificatePem, String actor) {
    requireActor(actor);
    Recipient current = recipients.lockByName(checkName(name)).orElseThrow(() -> unknown(name));
    current.requireActive();
    Instant now = clock.instant();
    RecipientCredentials.Certificate certificate =
        RecipientCredentials.certificate(certificatePem, now);
    requireUnregistered(certificate.sha256(), null);
    List<SystemCertificate> live = certificates.liveOf(current.id());
    if (live.size() >= MAX_LIVE_CERTIFICATES) {
      throw new Refusal(
          Kind.CONFLICT,
          "System '"
              + current.name()
              + "' already has "
              + live.size()
              + " live certificates, the most allowed; remove one first");
    }
    SystemCertificate added = SystemCertificate.added(certificate, current.id(), now, actor);
    try {
      certificates.insert(added);
    } catch (DuplicateKeyException e) {
      throw new Refusal(Kind.CONFLICT, "This certificate was registered at the same time");
    }
    Recipient updated = current.withCertificate(added, now, actor);
    recipients.update(updated);
    ledger.append(RecipientLedgerEvents.certificateAdded(actor, updated, added, live.size() + 1));
    forgetAfterCommit();
    return updated;
  }

  /**
   * Removes a live client certificate from a system: from the commit on it authenticates nobody (on
   * every node within {@link SystemIdentities#MAX_AGE}). The last live certificate is removed only
   * when the officer says so ({@code confirmLastCertificate}): the system then no longer picks up
   * packages or calls the crypto API over mutual TLS, and signs in only as the {@code key-user}
   * login of its name. Writes {@code SYSTEM_CERTIFICATE_REMOVED}.
   *
   * @param reason optional: why (e.g. "rotated", "host decommissioned")
   */
  @Transactional
  public Recipient removeCertificate(
      String name, String sha256, String reason, boolean confirmLastCertificate, String actor) {
    requireActor(actor);
    String fingerprint = checkFingerprint(sha256);
    String why = blankToNull(reason);
    if (why != null && why.length() > MAX_REASON) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "The reason is longer than " + MAX_REASON + " characters");
    }
    Recipient current = recipients.lockByName(checkName(name)).orElseThrow(() -> unknown(name));
    current.requireActive();
    List<SystemCertificate> live = certificates.liveOf(current.id());
    SystemCertificate removed =
        live.stream()
            .filter(c -> c.sha256().equals(fingerprint))
            .findFirst()
            .orElseThrow(
                () ->
                    new Refusal(
                        Kind.NOT_FOUND,
                        "System '"
                            + current.name()
                            + "' has no live certificate with SHA-256 "
                            + fingerprint));
    if (live.size() == 1 && !confirmLastCertificate) {
      throw new Refusal(
          Kind.CONFLICT,
          "This is the last live certificate of system '"
              + current.name()
              + "': without it the system can no longer "
              + (current.hasWrappingKey() ? "pick up packages or " : "")
              + "call the crypto API over mutual TLS. Add its new certificate first (POST"
              + " /api/systems/"
              + current.name()
              + "/certificates), or say so with \"confirmLastCertificate\": true");
    }
    Instant now = clock.instant();
    certificates.remove(fingerprint, now, actor, why);
    List<SystemCertificate> remaining =
        live.stream().filter(c -> !c.sha256().equals(fingerprint)).toList();
    Recipient updated =
        current.withCertificate(
            remaining.isEmpty() ? null : remaining.get(remaining.size() - 1), now, actor);
    recipients.update(updated);
    ledger.append(
        RecipientLedgerEvents.certificateRemoved(actor, updated, removed, remaining.size(), why));
    forgetAfterCommit();
    return updated;
  }

  /** A system's certificates, live and removed, oldest first. */
  public List<SystemCertificate> certificates(Recipient system) {
    return certificates.ofSystem(system.id());
  }

  /** A system's live certificates, oldest first. */
  public List<SystemCertificate> liveCertificates(Recipient system) {
    return certificates.liveOf(system.id());
  }

  /** Every system's live certificates, by system id, oldest first. */
  Map<UUID, List<SystemCertificate>> liveCertificatesBySystem() {
    return certificates.allLive().stream()
        .collect(Collectors.groupingBy(SystemCertificate::systemId));
  }

  /**
   * Revokes a recipient: it can no longer pick up packages, be distributed to or use keys.
   * Publishes {@link SystemRevoked} inside the transaction, so that what depends on the system (its
   * grants) ends with it.
   */
  @Transactional
  public Recipient revoke(String name, String reason, String actor) {
    requireActor(actor);
    Recipient current = recipients.lockByName(checkName(name)).orElseThrow(() -> unknown(name));
    current.requireNotRevoked();
    String why = required(reason, "reason").strip();
    if (why.length() > MAX_REASON) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "The reason is longer than " + MAX_REASON + " characters");
    }
    Instant now = clock.instant();
    Recipient revoked = current.revoked(why, now, actor);
    recipients.update(revoked);
    ledger.append(RecipientLedgerEvents.revoked(actor, revoked, why));
    events.publishEvent(new SystemRevoked(revoked.id(), revoked.name(), why, actor));
    forgetAfterCommit();
    return revoked;
  }

  public Optional<Recipient> find(String name) {
    return name == null || !NAME.matcher(name).matches()
        ? Optional.empty()
        : recipients.findByName(name);
  }

  /** The recipient by name, or a NOT_FOUND refusal. */
  public Recipient get(String name) {
    return find(name).orElseThrow(() -> unknown(name));
  }

  public Optional<Recipient> findById(UUID id) {
    return recipients.findById(id);
  }

  /**
   * The system with a live (not removed) client certificate of this SHA-256 fingerprint (lowercase
   * hex), if any, in any state: the caller checks {@link Recipient#isRevoked()}.
   */
  public Optional<Recipient> findByCertificate(String sha256) {
    return recipients.findByCertificate(sha256);
  }

  public List<Recipient> all() {
    return recipients.findAll();
  }

  /** Checks a recipient name's form; refuses with a reason. */
  public static String checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, "name is required");
    }
    if (!NAME.matcher(name).matches()) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "name must be 1 to 64 characters: letters, digits, '.', '_' and '-'");
    }
    return name;
  }

  /**
   * The checked credentials of a registration ({@code current} null) or an update. A certificate is
   * optional; without a certificate, a wrapping key or a KEK, an update keeps the current wrapping.
   */
  private Credentials check(
      Registration registration, Environment environment, Recipient current, Instant now) {
    RecipientCredentials.Certificate certificate =
        blankToNull(registration.certificatePem()) == null
            ? null
            : RecipientCredentials.certificate(registration.certificatePem(), now);
    if (certificate != null) {
      requireUnregistered(certificate.sha256(), current);
    }
    String kekAlias = blankToNull(registration.kekAlias());
    if (kekAlias != null) {
      checkKek(kekAlias, environment);
    }
    boolean wrappingGiven = blankToNull(registration.wrappingPublicKeyPem()) != null;
    if (current != null && certificate == null && kekAlias == null && !wrappingGiven) {
      return new Credentials(
          null,
          current.wrappingKeyPem(),
          current.wrappingKeyBits(),
          current.wrappingKeySha256(),
          current.kekAlias());
    }
    RecipientCredentials.WrappingKey wrapping = null;
    if (wrappingGiven) {
      wrapping = RecipientCredentials.wrappingKey(registration.wrappingPublicKeyPem());
    } else if (certificate != null && "RSA".equals(certificate.keyAlgorithm())) {
      // Without a separate key, packages are wrapped under the certificate's own RSA key; an EC
      // certificate's key cannot wrap, so such a system receives no packages (crypto API only).
      wrapping = RecipientCredentials.wrappingKeyOf(certificate);
    }
    return new Credentials(
        certificate,
        wrapping == null ? null : wrapping.pem(),
        wrapping == null ? null : wrapping.bits(),
        wrapping == null ? null : wrapping.sha256(),
        kekAlias);
  }

  /**
   * Refuses a fingerprint registered before: live for another system (or, when {@code self} is null
   * or the fingerprint is being added, for this one), or ever removed.
   */
  private void requireUnregistered(String sha256, Recipient self) {
    certificates
        .find(sha256)
        .ifPresent(
            known -> {
              if (!known.isLive()) {
                throw new Refusal(
                    Kind.CONFLICT,
                    "This certificate was removed on "
                        + known.removedAt()
                        + " and is never registered again; issue a new one");
              }
              if (self != null && known.systemId().equals(self.id())) {
                return;
              }
              String holder =
                  recipients.findById(known.systemId()).map(Recipient::name).orElse("?");
              throw new Refusal(
                  Kind.CONFLICT,
                  "This certificate is already registered for recipient '"
                      + holder
                      + "'; every recipient authenticates with a certificate of its own");
            });
  }

  /** A SHA-256 fingerprint as stored: 64 lowercase hex digits (colons and case are forgiven). */
  static String checkFingerprint(String sha256) {
    String value =
        sha256 == null ? "" : sha256.strip().replace(":", "").toLowerCase(java.util.Locale.ROOT);
    if (!FINGERPRINT.matcher(value).matches()) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "The certificate fingerprint must be its SHA-256 as 64 hex digits");
    }
    return value;
  }

  private void forgetAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              identities.forget();
            }
          });
    } else {
      identities.forget();
    }
  }

  /** The owner as stored: null for none, else a user id or e-mail address. */
  static String checkOwner(String owner) {
    String value = blankToNull(owner);
    if (value != null && !OWNER.matcher(value).matches()) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "owner must be a user id or e-mail address of 1 to 128 characters: letters, digits,"
              + " '.', '_', '@', '+' and '-'");
    }
    return value;
  }

  /** The description as stored: null for none, else at most 2000 characters of plain text. */
  static String checkDescription(String description) {
    String value = blankToNull(description);
    if (value == null) {
      return null;
    }
    if (value.length() > MAX_DESCRIPTION) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "description is longer than " + MAX_DESCRIPTION + " characters");
    }
    if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
      throw new Refusal(Kind.INVALID_REQUEST, "description must not contain control characters");
    }
    return value;
  }

  private void checkKek(String alias, Environment environment) {
    ManagedKey kek =
        keys.findByAlias(alias)
            .orElseThrow(
                () ->
                    new Refusal(
                        Kind.NOT_FOUND,
                        "kekAlias: no key with alias '" + Text.abbreviate(alias, 64) + "'"));
    if (kek.purpose() != KeyPurpose.KEY_WRAPPING || kek.algorithm() != KeyAlgorithm.AES_256) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "kekAlias: '"
              + alias
              + "' is a "
              + kek.purpose()
              + " "
              + kek.algorithm()
              + " key; a KEK must be a KEY_WRAPPING AES-256 key");
    }
    if (kek.environment() != environment) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "kekAlias: '"
              + alias
              + "' is a "
              + kek.environment()
              + " key and cannot serve a "
              + environment
              + " recipient");
    }
    boolean active =
        kek.primaryVersionId() != null
            && keys.findVersion(kek.primaryVersionId())
                .map(v -> v.state() == KeyState.ACTIVE)
                .orElse(false);
    if (!active) {
      throw new Refusal(
          Kind.POLICY_VIOLATED, "kekAlias: '" + alias + "' has no ACTIVE primary version");
    }
  }

  private static void requireActor(String actor) {
    if (actor == null || actor.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, "A recipient change needs an authenticated officer");
    }
  }

  private static Refusal unknown(String name) {
    return new Refusal(
        Kind.NOT_FOUND,
        "No recipient named '" + Text.abbreviate(String.valueOf(name), 64) + "' is registered");
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, field + " is required");
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
