package io.keyflow.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The start-variable spec of every Keyflow process, by process key: the index the engine's start
 * guard looks them up in. Each spec lives with its process's constants; the list is assembled where
 * every module is visible ({@code io.keyflow.KeyflowProcesses}), so the engine depends on none of
 * them. Processes that are not Keyflow's (none are deployed in production) have no spec and are not
 * checked.
 */
public class StartVariableSpecs {

  private final Map<String, StartVariables> byProcessKey;

  public StartVariableSpecs(List<StartVariables> all) {
    this.byProcessKey =
        all.stream()
            .collect(Collectors.toUnmodifiableMap(StartVariables::processKey, Function.identity()));
  }

  /** The spec of the process with this key, if it is one of Keyflow's. */
  public Optional<StartVariables> forProcess(String processKey) {
    return Optional.ofNullable(byProcessKey.get(processKey));
  }
}
