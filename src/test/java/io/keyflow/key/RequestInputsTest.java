package io.keyflow.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.shared.Refusal;
import org.junit.jupiter.api.Test;

class RequestInputsTest {

  @Test
  void anAliasIsRequiredTextOfAtMost64Characters() {
    assertThat(RequestInputs.alias(" payments-db ")).isEqualTo("payments-db");
    assertThatThrownBy(() -> RequestInputs.alias(null)).hasMessage("alias is required");
    assertThatThrownBy(() -> RequestInputs.alias(42)).hasMessage("alias must be text");
    assertThatThrownBy(() -> RequestInputs.alias("a".repeat(65)))
        .hasMessage("alias is longer than 64 characters");
  }

  @Test
  void aReasonIsRequiredAndBounded() {
    assertThat(RequestInputs.reason(" annual ")).isEqualTo("annual");
    assertThatThrownBy(() -> RequestInputs.reason("  "))
        .hasMessage("A reason is required: say why");
    assertThatThrownBy(() -> RequestInputs.reason("x".repeat(2001)))
        .hasMessage("The reason is longer than 2000 characters");
  }

  @Test
  void optionalDaysAcceptWholeNumbersFromFormsAndRest() {
    assertThat(RequestInputs.optionalDays("retentionDays", null)).isNull();
    assertThat(RequestInputs.optionalDays("retentionDays", "")).isNull();
    assertThat(RequestInputs.optionalDays("retentionDays", 30)).isEqualTo(30);
    assertThat(RequestInputs.optionalDays("retentionDays", 30L)).isEqualTo(30);
    assertThat(RequestInputs.optionalDays("retentionDays", 30.0)).isEqualTo(30);
    assertThat(RequestInputs.optionalDays("retentionDays", " 30 ")).isEqualTo(30);
  }

  @Test
  void optionalDaysRefuseFractionsTextAndNonPositiveValues() {
    for (Object bad : new Object[] {1.5, "a year", true}) {
      assertThatThrownBy(() -> RequestInputs.optionalDays("retentionDays", bad))
          .isInstanceOf(Refusal.class)
          .hasMessage("retentionDays must be a whole number of days");
    }
    assertThatThrownBy(() -> RequestInputs.optionalDays("retentionDays", 0))
        .hasMessage("retentionDays must be a positive number of days");
    assertThatThrownBy(() -> RequestInputs.optionalDays("retentionDays", -3))
        .hasMessage("retentionDays must be a positive number of days");
  }
}
