package io.keyflow.access;

import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Key groups: officers create them and add or remove keys; everyone with a role reads them. */
@RestController
@RequestMapping("/api/access/key-groups")
class KeyGroupController {

  record CreateBody(String name, String environment, String description) {}

  record MemberBody(String alias) {}

  private final KeyGroups groups;
  private final AccessGuard access;

  KeyGroupController(KeyGroups groups, AccessGuard access) {
    this.groups = groups;
    this.access = access;
  }

  @GetMapping
  List<KeyGroup> all() {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return groups.all();
  }

  @GetMapping("/{name}")
  KeyGroup one(@PathVariable String name) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return groups.get(name);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  KeyGroup create(@RequestBody CreateBody body) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    if (body == null) {
      return groups.create(null, null, null, officer);
    }
    return groups.create(body.name(), body.environment(), body.description(), officer);
  }

  @PostMapping("/{name}/keys")
  KeyGroup add(@PathVariable String name, @RequestBody MemberBody body) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    return groups.add(name, body == null ? null : body.alias(), officer);
  }

  @DeleteMapping("/{name}/keys/{alias}")
  KeyGroup remove(@PathVariable String name, @PathVariable String alias) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    return groups.remove(name, alias, officer);
  }
}
