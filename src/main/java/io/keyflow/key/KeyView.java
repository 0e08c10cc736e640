package io.keyflow.key;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A managed key as the inventory API shows it: metadata, policy and versions, never material. Which
 * recipients hold each version: {@code GET /api/keys/{alias}/holders}.
 */
record KeyView(
    UUID id,
    String alias,
    String purpose,
    String algorithm,
    String owner,
    String environment,
    boolean exportable,
    long encryptPeriodDays,
    long retentionDays,
    UUID primaryVersionId,
    Integer primaryVersion,
    Instant createdAt,
    List<VersionView> versions) {

  record VersionView(
      UUID id,
      int version,
      String state,
      boolean primary,
      String vaultBackend,
      String hsmLabel,
      UUID hsmKeyId,
      String kcv,
      ProvenanceView provenance,
      Instant createdAt,
      Instant activatedAt,
      Instant protectStopAt,
      Instant deactivatedAt,
      Instant retainUntil,
      Instant destroyedAt,
      Instant compromisedAt,
      String requestedBy,
      List<String> approvedBy,
      String processInstanceId) {}

  record ProvenanceView(
      boolean local,
      boolean sensitive,
      boolean alwaysSensitive,
      boolean extractable,
      boolean neverExtractable,
      String keyGenMechanism) {}

  static KeyView of(ManagedKey key, List<KeyVersion> versions) {
    Integer primary =
        versions.stream()
            .filter(v -> v.id().equals(key.primaryVersionId()))
            .map(KeyVersion::number)
            .findFirst()
            .orElse(null);
    return new KeyView(
        key.id(),
        key.alias(),
        key.purpose().name(),
        Algorithms.name(key.algorithm()),
        key.owner(),
        key.environment().name(),
        key.exportable(),
        key.encryptPeriod().toDays(),
        key.retention().toDays(),
        key.primaryVersionId(),
        primary,
        key.createdAt(),
        versions.stream().map(v -> version(v, v.id().equals(key.primaryVersionId()))).toList());
  }

  private static VersionView version(KeyVersion v, boolean primary) {
    var p = v.provenance();
    return new VersionView(
        v.id(),
        v.number(),
        v.state().name(),
        primary,
        v.vaultBackend(),
        v.hsmLabel(),
        v.hsmKeyId(),
        v.kcv(),
        new ProvenanceView(
            p.local(),
            p.sensitive(),
            p.alwaysSensitive(),
            p.extractable(),
            p.neverExtractable(),
            p.keyGenMechanism()),
        v.createdAt(),
        v.activatedAt(),
        v.protectStopAt(),
        v.deactivatedAt(),
        v.retainUntil(),
        v.destroyedAt(),
        v.compromisedAt(),
        v.requestedBy(),
        List.of(v.approvedBy().split(",")),
        v.processInstanceId());
  }
}
