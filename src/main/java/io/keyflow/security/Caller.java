package io.keyflow.security;

import java.util.List;

/** The authenticated user of the current request or job: a user id and its group ids. */
public record Caller(String userId, List<String> groupIds) {
  public Caller {
    groupIds = List.copyOf(groupIds);
  }

  public boolean hasRole(Role role) {
    return groupIds.contains(role.groupId());
  }

  public boolean hasAnyRole(Role... roles) {
    for (Role role : roles) {
      if (hasRole(role)) {
        return true;
      }
    }
    return false;
  }
}
