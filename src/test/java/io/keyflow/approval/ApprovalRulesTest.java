package io.keyflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {

  private static final List<String> OFFICER = List.of("security-officer");

  @Test
  void anOfficerApprovesSomeoneElsesRequest() {
    Decision decision = ApprovalRules.decide("bob", OFFICER, "alice", List.of(), true, null);
    assertThat(decision.approved()).isTrue();
    assertThat(decision.approvers()).containsExactly("bob");
  }

  @Test
  void refusesApprovalByTheRequester() {
    assertThatThrownBy(() -> ApprovalRules.decide("erin", OFFICER, "erin", List.of(), true, null))
        .isInstanceOfSatisfying(
            ApprovalRefusal.class,
            r -> assertThat(r.kind()).isEqualTo(ApprovalRefusal.Kind.FORBIDDEN))
        .hasMessageContaining("Four-eyes rule");
  }

  @Test
  void refusesTheSameOfficerApprovingTwice() {
    assertThatThrownBy(
            () -> ApprovalRules.decide("bob", OFFICER, "alice", List.of("bob"), true, null))
        .hasMessageContaining("Dual control");
    assertThat(
            ApprovalRules.decide("carol", OFFICER, "alice", List.of("bob"), true, null).approvers())
        .containsExactly("bob", "carol");
  }

  @Test
  void refusesNonOfficersAndAnonymousCallers() {
    assertThatThrownBy(
            () -> ApprovalRules.decide("dave", List.of("auditor"), "alice", List.of(), true, null))
        .hasMessageContaining("not a security officer");
    assertThatThrownBy(() -> ApprovalRules.decide(null, List.of(), "alice", List.of(), true, null))
        .hasMessageContaining("authenticated security officer");
  }

  @Test
  void aRejectionNeedsACommentAndADecisionIsRequired() {
    assertThatThrownBy(() -> ApprovalRules.decide("bob", OFFICER, "alice", List.of(), false, " "))
        .isInstanceOfSatisfying(
            ApprovalRefusal.class,
            r -> assertThat(r.kind()).isEqualTo(ApprovalRefusal.Kind.INVALID));
    assertThatThrownBy(() -> ApprovalRules.decide("bob", OFFICER, "alice", List.of(), null, "ok"))
        .hasMessageContaining("'approved'");
    assertThatThrownBy(() -> ApprovalRules.decide("bob", OFFICER, "alice", List.of(), "yes", "ok"))
        .hasMessageContaining("'approved'");
    assertThatThrownBy(
            () -> ApprovalRules.decide("bob", OFFICER, "alice", List.of(), true, "x".repeat(2001)))
        .hasMessageContaining("longer than");
    Decision rejection = ApprovalRules.decide("bob", OFFICER, "alice", List.of(), false, "no case");
    assertThat(rejection.approved()).isFalse();
    assertThat(rejection.approvers()).isEmpty();
    assertThat(rejection.comment()).isEqualTo("no case");
  }
}
