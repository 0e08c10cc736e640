package io.keyflow;

import io.keyflow.access.AccessReviewProcess;
import io.keyflow.access.AccessReviewScheduleProcess;
import io.keyflow.access.KeyAccessGrantProcess;
import io.keyflow.campaign.CampaignKeyRotationProcess;
import io.keyflow.campaign.CampaignVersionDestructionProcess;
import io.keyflow.campaign.DestructionCampaignProcess;
import io.keyflow.campaign.DestructionSweepProcess;
import io.keyflow.campaign.RotationCampaignProcess;
import io.keyflow.campaign.RotationSweepProcess;
import io.keyflow.checkpoint.LedgerCheckpointScheduleProcess;
import io.keyflow.compromise.KeyCompromiseProcess;
import io.keyflow.compromise.KeyDecryptExceptionProcess;
import io.keyflow.custodian.CustodianAcknowledgementProcess;
import io.keyflow.custodian.CustodianSweepProcess;
import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.distribution.KeyDistributionProcess;
import io.keyflow.engine.StartVariableSpecs;
import io.keyflow.engine.StartVariables;
import io.keyflow.generation.KeyGenerationProcess;
import io.keyflow.rotation.KeyRotationProcess;
import io.keyflow.storage.KeyStorageAttestationProcess;
import io.keyflow.storage.StorageAttestationScheduleProcess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every process Keyflow deploys, by the start-variable spec its constants declare. It lives in the
 * application's root package because it names a process of nearly every module; the engine's start
 * guard gets the index as a bean and so depends on no module. A process added without an entry here
 * fails {@code StartVariablesTest}.
 */
@Configuration(proxyBeanMethods = false)
public class KeyflowProcesses {

  public static final List<StartVariables> START_VARIABLES =
      List.of(
          KeyGenerationProcess.START_VARIABLES,
          KeyRotationProcess.START_VARIABLES,
          KeyDestructionProcess.START_VARIABLES,
          KeyDistributionProcess.START_VARIABLES,
          KeyCompromiseProcess.START_VARIABLES,
          KeyDecryptExceptionProcess.START_VARIABLES,
          KeyStorageAttestationProcess.START_VARIABLES,
          RotationSweepProcess.START_VARIABLES,
          DestructionSweepProcess.START_VARIABLES,
          StorageAttestationScheduleProcess.START_VARIABLES,
          LedgerCheckpointScheduleProcess.START_VARIABLES,
          CustodianAcknowledgementProcess.START_VARIABLES,
          CustodianSweepProcess.START_VARIABLES,
          RotationCampaignProcess.START_VARIABLES,
          CampaignKeyRotationProcess.START_VARIABLES,
          DestructionCampaignProcess.START_VARIABLES,
          CampaignVersionDestructionProcess.START_VARIABLES,
          KeyAccessGrantProcess.START_VARIABLES,
          AccessReviewProcess.START_VARIABLES,
          AccessReviewScheduleProcess.START_VARIABLES);

  @Bean
  StartVariableSpecs startVariableSpecs() {
    return new StartVariableSpecs(START_VARIABLES);
  }
}
