package io.keyflow.campaign;

import org.springframework.stereotype.Component;

/**
 * What RotationCampaign.bpmn and DestructionCampaign.bpmn read as {@code ${keyflowCampaigns.…}},
 * over {@link CampaignSettings}.
 */
@Component("keyflowCampaigns")
public class CampaignExpressions {

  private final CampaignSettings settings;

  CampaignExpressions(CampaignSettings settings) {
    this.settings = settings;
  }

  /** For the campaign's progress timer (ISO-8601). */
  public String getProgressInterval() {
    return settings.progressInterval().toString();
  }
}
