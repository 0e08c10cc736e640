package io.keyflow.distribution;

import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Text;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Distribution per version: which recipients hold each version of a key (procedure 4.2.3). */
@RestController
class HoldingsController {

  record VersionHolders(
      UUID versionId, int version, String state, boolean primary, List<HolderView> holders) {}

  record HolderView(
      String recipient, String environment, boolean revoked, Instant pickedUpAt, UUID packageId) {}

  private final Keys keys;
  private final RecipientHoldings holdings;
  private final AccessGuard access;

  HoldingsController(Keys keys, RecipientHoldings holdings, AccessGuard access) {
    this.keys = keys;
    this.holdings = holdings;
    this.access = access;
  }

  @GetMapping("/api/keys/{alias}/holders")
  List<VersionHolders> holders(@PathVariable String alias) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    var key =
        keys.findByAlias(alias)
            .orElseThrow(
                () ->
                    new Refusal(
                        Refusal.Kind.NOT_FOUND,
                        "No key with alias '" + Text.abbreviate(alias, 64) + "'"));
    List<RecipientHoldings.Holding> all = holdings.holdings(key.id());
    return keys.versions(key.id()).stream()
        .map(v -> of(v, v.id().equals(key.primaryVersionId()), all))
        .toList();
  }

  private static VersionHolders of(
      KeyVersion version, boolean primary, List<RecipientHoldings.Holding> all) {
    return new VersionHolders(
        version.id(),
        version.number(),
        version.state().name(),
        primary,
        all.stream()
            .filter(h -> h.versionId().equals(version.id()))
            .map(
                h ->
                    new HolderView(
                        h.recipient(),
                        h.environment().name(),
                        h.recipientRevoked(),
                        h.pickedUpAt(),
                        h.packageId()))
            .toList());
  }
}
