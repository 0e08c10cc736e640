package io.keyflow.bench;

import io.keyflow.campaign.CampaignKeyRotationProcess;
import io.keyflow.campaign.CampaignProgress;
import io.keyflow.campaign.RotationCampaignProcess;
import io.keyflow.campaign.RotationSweepProcess;
import io.keyflow.campaign.internal.CampaignRepository;
import io.keyflow.hsm.pkcs11.RawKeygen;
import io.keyflow.hsm.pkcs11.SoftHsmToken;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * P2: the wall time of a rotation campaign of 10,000 keys, from the officer's approval (through the
 * Java API, as P1's) until the campaign repository counts nothing remaining, ÷ the time of as many
 * bare {@code C_GenerateKey} calls with the same template on {@code keyflow.hsm.max-concurrency}
 * sessions of the same token. The keys are real (seeded by {@link DueKeySeeder}, not timed); the
 * time from the sweep's start to the campaign's approval task is a line of its own.
 */
final class RotationCampaignFigure implements Figure {

  private static final Duration CAMPAIGN_WAIT = Duration.ofMinutes(60);

  @Override
  public String id() {
    return "P2";
  }

  @Override
  public List<Measurement> measure(BenchStack stack) throws Exception {
    int count = stack.scale(10_000, 1_000);
    int sessions =
        stack.context.getEnvironment().getProperty("keyflow.hsm.max-concurrency", Integer.class, 4);
    ProcessEngine engine = stack.bean(ProcessEngine.class);
    CampaignRepository campaigns = stack.bean(CampaignRepository.class);

    long seeding = System.nanoTime();
    DueKeySeeder seeder = new DueKeySeeder(stack);
    seeder.seed(count, sessions);
    BenchRun.log(
        "P2: %d keys due seeded (inventory + token) in %.0f s on %d threads, %d generations tried again",
        count, Timing.seconds(seeding, System.nanoTime()), sessions, seeder.retries());

    long sweepStart = System.nanoTime();
    Job timer =
        engine
            .getManagementService()
            .createJobQuery()
            .processDefinitionKey(RotationSweepProcess.PROCESS_KEY)
            .timers()
            .singleResult();
    engine.getManagementService().executeJob(timer.getId());
    String[] campaign = new String[1];
    Timing.await(
        "the sweep's campaign has its approval task",
        CAMPAIGN_WAIT,
        () -> {
          List<ProcessInstance> open =
              engine
                  .getRuntimeService()
                  .createProcessInstanceQuery()
                  .processDefinitionKey(RotationCampaignProcess.PROCESS_KEY)
                  .active()
                  .list();
          if (open.size() != 1) {
            return false;
          }
          campaign[0] = open.get(0).getId();
          return engine.getTaskService().createTaskQuery().processInstanceId(campaign[0]).count()
              == 1;
        });
    double toApproval = Timing.seconds(sweepStart, System.nanoTime());
    CampaignProgress requested = campaigns.progress(campaign[0]);
    if (requested.keys() != count) {
      throw new IllegalStateException(
          "The campaign lists " + requested.keys() + " keys, not the " + count + " seeded");
    }

    long approved = System.nanoTime();
    HsmPipelineFigure.approveAs(engine, "bob", campaign[0]);
    Timing.await(
        "the campaign has no key remaining",
        CAMPAIGN_WAIT,
        () -> campaigns.progress(campaign[0]).remaining() == 0);
    double wall = Timing.seconds(approved, System.nanoTime());
    CampaignProgress done = campaigns.progress(campaign[0]);
    BenchRun.log("P2: campaign of %d keys: %s in %.1f s", count, done, wall);
    if (done.done() != count) {
      throw new IllegalStateException(
          "The campaign ended with " + done + "; every key should be done");
    }
    // The per-key instances' last steps (redistribution) and the campaign's own end, so that the
    // raw side runs alone.
    Timing.await(
        "every per-key instance and the campaign ended",
        CAMPAIGN_WAIT,
        () ->
            engine
                    .getRuntimeService()
                    .createProcessInstanceQuery()
                    .processDefinitionKey(CampaignKeyRotationProcess.PROCESS_KEY)
                    .count()
                == 0);

    RawKeygen raw = new RawKeygen(SoftHsmToken.MODULE, stack.token.label, SoftHsmToken.USER_PIN);
    long rawStart = System.nanoTime();
    raw.generate(count, sessions, "keyflow/bench-p2");
    double rawSeconds = Timing.seconds(rawStart, System.nanoTime());

    String scale =
        stack.quick ? count + " keys (quick run; the full run has 10,000)" : count + " keys";
    return List.of(
        Measurement.atMost(
            "P2",
            "rotation campaign wall time, approval to none remaining ÷ as many raw keygens",
            String.format("%.1f s", wall),
            String.format("%.1f s C_GenerateKey x%d", rawSeconds, sessions),
            wall / rawSeconds,
            1.5,
            scale
                + ", AES-256 on SoftHSM2 + PostgreSQL, due at once; job executor defaults, keyflow.hsm.max-concurrency "
                + sessions
                + ", raw on as many sessions of the same token; "
                + String.format(
                    "%.1f keys/s rotated vs %.1f keygens/s raw", count / wall, count / rawSeconds)),
        new Measurement(
            "P2-sweep",
            "rotation sweep start to the campaign's approval task ready",
            String.format("%.1f s", toApproval),
            "-",
            Double.NaN,
            "-",
            Double.NaN,
            null,
            "the same campaign: listing "
                + count
                + " keys due, the request ledger entry and the approval task; not part of the P2 ratio"));
  }
}
