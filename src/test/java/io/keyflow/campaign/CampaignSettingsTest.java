package io.keyflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignSettingsTest {

  @Test
  void theDefaultsAreTwentyKeysBatchesOfTwoHundredAndAProgressLookEveryThirtySeconds()
      throws Exception {
    var constructor =
        CampaignSettings.class.getDeclaredConstructor(
            int.class, int.class, int.class, Duration.class);
    var rotation =
        constructor.getParameters()[0].getAnnotation(
            org.springframework.beans.factory.annotation.Value.class);
    var destruction =
        constructor.getParameters()[1].getAnnotation(
            org.springframework.beans.factory.annotation.Value.class);
    var batch =
        constructor.getParameters()[2].getAnnotation(
            org.springframework.beans.factory.annotation.Value.class);
    var interval =
        constructor.getParameters()[3].getAnnotation(
            org.springframework.beans.factory.annotation.Value.class);
    assertThat(List.of(rotation.value(), destruction.value(), batch.value(), interval.value()))
        .containsExactly(
            "${keyflow.rotation.campaign-threshold:20}",
                "${keyflow.destruction.campaign-threshold:20}",
            "${keyflow.campaign.batch-size:200}", "${keyflow.campaign.progress-interval:PT30S}");
    CampaignSettings settings = new CampaignSettings(20, 20, 200, Duration.ofSeconds(30));
    assertThat(settings.rotationThreshold()).isEqualTo(20);
    assertThat(settings.getProgressInterval()).isEqualTo("PT30S");
  }

  @Test
  void settingsOutOfRangeStopStartUpNamingTheSetting() {
    assertThatThrownBy(() -> new CampaignSettings(0, 20, 200, Duration.ofSeconds(30)))
        .hasMessageContaining("keyflow.rotation.campaign-threshold");
    assertThatThrownBy(() -> new CampaignSettings(20, 20, 0, Duration.ofSeconds(30)))
        .hasMessageContaining("keyflow.campaign.batch-size must be between 1 and 5000");
    assertThatThrownBy(() -> new CampaignSettings(20, 20, 200, Duration.ZERO))
        .hasMessageContaining("keyflow.campaign.progress-interval must be positive");
  }
}
