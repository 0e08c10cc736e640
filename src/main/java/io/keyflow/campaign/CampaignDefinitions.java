package io.keyflow.campaign;

/** Which campaign a delegate runs in, from its process definition id ({@code key:version:id}). */
public final class CampaignDefinitions {

  private CampaignDefinitions() {}

  public static boolean isRotation(String processDefinitionId) {
    return processDefinitionId.startsWith(RotationCampaignProcess.PROCESS_KEY + ":");
  }
}
