package io.keyflow.compliance;

import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only compliance review for officers and auditors, used by the Keyflow Cockpit plugin (with
 * the Cockpit session) and by anyone with HTTP Basic credentials. Nothing here changes anything.
 */
@RestController
@RequestMapping("/api/compliance")
class ComplianceController {

  private final ComplianceDashboard dashboard;
  private final KeyInventory inventory;
  private final KeyTimeline timeline;
  private final ControlEvaluation controls;
  private final AccessGuard access;

  ComplianceController(
      ComplianceDashboard dashboard,
      KeyInventory inventory,
      KeyTimeline timeline,
      ControlEvaluation controls,
      AccessGuard access) {
    this.dashboard = dashboard;
    this.inventory = inventory;
    this.timeline = timeline;
    this.controls = controls;
    this.access = access;
  }

  @GetMapping("/dashboard")
  DashboardSummary dashboard() {
    reviewer();
    return dashboard.summary();
  }

  /**
   * The inventory, filtered by {@code state} (of the primary version), {@code purpose}, {@code
   * environment} and {@code overdue}, sorted by {@code sort} ({@code alias}, {@code purpose},
   * {@code state}, {@code environment}, {@code protectStop}; a leading {@code -} sorts descending),
   * one page of {@code size} (at most 200) at a time.
   */
  @GetMapping("/keys")
  InventoryPage keys(
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String purpose,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) String overdue,
      @RequestParam(required = false) String sort,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    reviewer();
    return inventory.page(
        InventoryQuery.parse(state, purpose, environment, overdue, sort, page, size));
  }

  @GetMapping("/keys/{alias}/timeline")
  List<TimelineEvent> timeline(@PathVariable String alias) {
    reviewer();
    return timeline.of(alias);
  }

  @GetMapping("/controls")
  ControlsReport controls() {
    reviewer();
    return controls.evaluate();
  }

  private void reviewer() {
    access.require(Role.SECURITY_OFFICER, Role.AUDITOR);
  }
}
