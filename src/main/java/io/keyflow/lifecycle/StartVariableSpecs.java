package io.keyflow.lifecycle;

import io.keyflow.custodian.CustodianAcknowledgementProcess;
import io.keyflow.custodian.CustodianSweepProcess;
import io.keyflow.lifecycle.campaign.CampaignKeyRotationProcess;
import io.keyflow.lifecycle.campaign.CampaignVersionDestructionProcess;
import io.keyflow.lifecycle.campaign.DestructionCampaignProcess;
import io.keyflow.lifecycle.campaign.RotationCampaignProcess;
import io.keyflow.lifecycle.checkpoint.LedgerCheckpointScheduleProcess;
import io.keyflow.lifecycle.compromise.KeyCompromiseProcess;
import io.keyflow.lifecycle.compromise.KeyDecryptExceptionProcess;
import io.keyflow.lifecycle.destruction.DestructionSweepProcess;
import io.keyflow.lifecycle.destruction.KeyDestructionProcess;
import io.keyflow.lifecycle.distribution.KeyDistributionProcess;
import io.keyflow.lifecycle.generation.KeyGenerationProcess;
import io.keyflow.lifecycle.rotation.KeyRotationProcess;
import io.keyflow.lifecycle.rotation.RotationSweepProcess;
import io.keyflow.lifecycle.storage.KeyStorageAttestationProcess;
import io.keyflow.lifecycle.storage.StorageAttestationScheduleProcess;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The start-variable spec of every Keyflow process, by process key. Each spec lives with its
 * process's constants; this is only the index the engine's start guard looks them up in. Processes
 * that are not Keyflow's (none are deployed in production) have no spec and are not checked.
 */
@Component
public class StartVariableSpecs {

  static final List<StartVariables> ALL =
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
          CampaignVersionDestructionProcess.START_VARIABLES);

  private final Map<String, StartVariables> byProcessKey =
      ALL.stream().collect(Collectors.toUnmodifiableMap(StartVariables::processKey, Function.identity()));

  /** The spec of the process with this key, if it is one of Keyflow's. */
  public Optional<StartVariables> forProcess(String processKey) {
    return Optional.ofNullable(byProcessKey.get(processKey));
  }
}
