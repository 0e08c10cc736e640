package io.keyflow.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.shared.Refusal;
import org.junit.jupiter.api.Test;

class WebhookUrlsTest {

  @Test
  void loopbackHttpIsRefusedWhenLoopbackIsNotAllowedAsInProduction() {
    assertThatThrownBy(() -> WebhookUrls.check("http://127.0.0.1:8089/hook", false))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("must use https");
    assertThatThrownBy(() -> WebhookUrls.check("http://localhost/hook", false))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("must use https");
    assertThat(WebhookUrls.check("http://localhost/hook", true)).isEqualTo("http://localhost/hook");
  }

  @Test
  void anHttpHostThatOnlyStartsLikeLoopbackIsRefusedEvenOutsideProduction() {
    assertThatThrownBy(() -> WebhookUrls.check("http://127.0.0.1.example.org/hook", true))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("must use https");
  }

  @Test
  void aBlankUrlMeansNoWebhookAndTheLedgerSeesOnlyTheHost() {
    assertThat(WebhookUrls.check("  ", false)).isNull();
    assertThat(WebhookUrls.host("https://hooks.example.org:8443/k?token=x"))
        .isEqualTo("hooks.example.org");
  }
}
