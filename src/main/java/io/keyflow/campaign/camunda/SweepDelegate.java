package io.keyflow.campaign.camunda;

import io.keyflow.engine.ProcessSupport;
import io.keyflow.shared.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * What the rotation and destruction sweeps do alike, as their system principal: leave out what is
 * already running, then start one campaign when more is due than the threshold, or else one process
 * per item; and write what was started, skipped and refused (a process that ended at once) into the
 * sweep's variables.
 *
 * @param <T> one item due (a key for rotation, a key version for destruction)
 */
abstract class SweepDelegate<T> implements JavaDelegate {

  /** The sweep process's variable names. */
  record Variables(String campaign, String started, String skipped, String refused) {}

  private final String principal;
  private final Variables variables;

  SweepDelegate(String principal, Variables variables) {
    this.principal = principal;
    this.variables = variables;
  }

  /** The items due now, running or not. */
  abstract List<T> due();

  /** The item's name in the sweep's variables. */
  abstract String name(T item);

  /**
   * A predicate for "this item's process already runs, alone or in an open campaign", read once per
   * sweep.
   */
  abstract Predicate<T> running(DelegateExecution execution);

  /** The campaign threshold: more items than this start one campaign. */
  abstract int campaignThreshold();

  abstract String campaignProcessKey();

  /** Starts the item's own process. */
  abstract ProcessInstance start(RuntimeService runtime, T item);

  @Override
  public final void execute(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    Predicate<T> running = running(execution);
    List<String> skipped = new ArrayList<>();
    List<T> toStart = new ArrayList<>();
    for (T item : due()) {
      if (running.test(item)) {
        skipped.add(name(item));
      } else {
        toStart.add(item);
      }
    }
    List<String> started = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    ProcessSupport.asSystemPrincipal(
        execution,
        principal,
        () -> {
          if (toStart.size() > campaignThreshold()) {
            execution.setVariable(
                variables.campaign(),
                runtime.startProcessInstanceByKey(campaignProcessKey()).getId());
            return;
          }
          for (T item : toStart) {
            (start(runtime, item).isEnded() ? refused : started).add(name(item));
          }
        });
    execution.setVariable(variables.started(), listed(started));
    execution.setVariable(variables.skipped(), listed(skipped));
    execution.setVariable(variables.refused(), listed(refused));
  }

  /**
   * The names comma-separated, cut to fit a process variable (4,000 characters) with how many more
   * there are.
   */
  static String listed(List<String> names) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      String next = (i == 0 ? "" : ",") + names.get(i);
      String more = " … and " + (names.size() - i) + " more";
      if (text.length() + next.length() + more.length() > Text.MAX_VARIABLE_CHARS) {
        return text + more;
      }
      text.append(next);
    }
    return text.toString();
  }
}
