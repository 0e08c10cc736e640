package io.keyflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.Browsers;
import io.keyflow.support.Cockpit;
import io.keyflow.support.RestClient;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The Controls page in Cockpit while the demo clock moves a key past its crypto-period: control 4.4
 * turns FAIL naming the key, and PASS again once the key is rotated. A context (and database) of
 * its own, since the clock moves every key; the daily sweeps are set a decade out so that only the
 * people in the test rotate. Screenshots: {@code target/e2e/controls-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(
    properties = {
      "camunda.bpm.job-execution.enabled=true",
      "keyflow.rotation.sweep-cycle=R/P3650D",
      "keyflow.destruction.sweep-cycle=R/P3650D"
    })
class CockpitControlsE2E {

  private static final By CRYPTO_PERIOD = By.id("keyflow-control-4-4");

  @RegisterExtension final Browsers browsers = new Browsers();

  @LocalServerPort int port;

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void theCryptoPeriodControlFailsForAKeyPastItsProtectStopAndPassesAgainOnceItIsRotated() {
    RestClient rest = new RestClient(port);
    Lifecycles lifecycles = new Lifecycles(rest);
    String alias = "ledger-archive-" + UUID.randomUUID().toString().substring(0, 6);
    lifecycles.generate(
        alias, "DATA_AT_REST", "PRODUCTION", false, "bob", "Archive encryption approved");

    Cockpit dave =
        Cockpit.logIn(
            browsers.open("dave"), "http://localhost:" + port, "dave", RestClient.PASSWORD);
    dave.click(By.xpath("//a[normalize-space()='Controls']"));
    assertThat(verdictOf4dot4(dave)).isEqualTo("PASS");
    assertThat(dave.textOnceItContains(CRYPTO_PERIOD, alias + " v1"))
        .contains("ACTIVE; protect-stop");
    dave.capture("controls-1-crypto-period-pass");

    // A year and a day later the key has not been rotated.
    var moved = rest.post("/api/demo/clock", "admin", "{\"advanceDays\":366}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    dave.reload();
    assertThat(verdictOf4dot4(dave)).isEqualTo("FAIL");
    assertThat(dave.textOnceItContains(CRYPTO_PERIOD, "past its protect-stop"))
        .contains(alias + " v1")
        .contains("ACTIVE 1 day past its protect-stop")
        .contains("rotate the key");
    dave.capture("controls-2-crypto-period-fail-after-a-year");

    lifecycles.rotate(alias, 2, "carol", "Overdue: rotate now");
    dave.reload();
    assertThat(verdictOf4dot4(dave)).isEqualTo("PASS");
    assertThat(dave.textOnceItContains(CRYPTO_PERIOD, alias + " v2"))
        .doesNotContain("past its protect-stop");
    dave.capture("controls-3-crypto-period-pass-after-rotation");
  }

  private static String verdictOf4dot4(Cockpit cockpit) {
    return cockpit.visible("control 4.4", CRYPTO_PERIOD).getDomAttribute("data-verdict");
  }
}
