package io.keyflow.key;

import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Text;
import java.time.Clock;
import java.util.List;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The key inventory: every managed key with its versions, states, dates, KCV and provenance. */
@RestController
@RequestMapping("/api/keys")
class KeyController {

  private final Keys keys;
  private final AccessGuard access;
  private final Clock clock;

  KeyController(Keys keys, AccessGuard access, Clock clock) {
    this.keys = keys;
    this.access = access;
    this.clock = clock;
  }

  /**
   * Every managed key; with {@code overdue=true} only the keys whose primary version is past its
   * protect-stop and still ACTIVE, i.e. not rotated in time.
   */
  @GetMapping
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  List<KeyView> inventory(@RequestParam(defaultValue = "false") boolean overdue) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    List<ManagedKey> found =
        overdue ? keys.keysWithPrimaryProtectStopBy(clock.instant()) : keys.findAll();
    return found.stream().map(key -> KeyView.of(key, keys.versions(key.id()))).toList();
  }

  // One snapshot per answer: the key row (its primary pointer) and its versions are read in one
  // repeatable-read transaction, so a rotation committing in between cannot show a new version
  // ACTIVE while the key still names the old one primary.
  @GetMapping("/{alias}")
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  KeyView key(@PathVariable String alias) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    var key =
        keys.findByAlias(alias)
            .orElseThrow(
                () ->
                    new Refusal(
                        Refusal.Kind.NOT_FOUND,
                        "No key with alias '" + Text.abbreviate(alias, 64) + "'"));
    return KeyView.of(key, keys.versions(key.id()));
  }
}
