package io.keyflow.bench;

import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.pkcs11.RawKeygen;
import io.keyflow.hsm.pkcs11.SoftHsmToken;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * P3: the rate of find + encrypt through Keyflow's {@code KeyVault} with 10,000 Keyflow objects on
 * the token ÷ the same with 10. Two lines: keys in use (their handles cached after the first use,
 * the steady state of a key user) and the first use of a key (a find by CKA_ID on the token). Runs
 * on a token of its own through a {@code Pkcs11KeyVault} of its own (the application's class,
 * without the metrics wrapper).
 */
final class ObjectCountFigure implements Figure {

  private static final int FEW = 10;
  private static final int COLD_SAMPLE = 10;

  @Override
  public String id() {
    return "P3";
  }

  @Override
  public List<Measurement> measure(BenchStack stack) throws Exception {
    int many = stack.scale(10_000, 2_000);
    double seconds = stack.scale(5, 3);
    // A token of its own, so that "10 objects" means 10 whatever ran before.
    SoftHsmToken token = stack.objectCountToken;
    KeyVault vault = RawKeygen.keyflowVault(token);
    RawKeygen raw = new RawKeygen(SoftHsmToken.MODULE, token.label, SoftHsmToken.USER_PIN);
    List<UUID> first = raw.generate(FEW, 1, "keyflow/bench-p3");
    double coldFew = coldRate(vault, first);
    Rate hotFewRate = hotRate(vault, first, seconds);
    double hotFew = hotFewRate.perSecond();
    long filling = System.nanoTime();
    List<UUID> more = raw.generate(many - FEW, 2, "keyflow/bench-p3");
    BenchRun.log(
        "P3: %d more objects on the token in %.0f s",
        many - FEW, Timing.seconds(filling, System.nanoTime()));
    Rate hotManyRate = hotRate(vault, first, seconds);
    double hotMany = hotManyRate.perSecond();
    double coldMany = coldRate(vault, more.subList(0, COLD_SAMPLE));
    String note =
        (stack.quick
                ? many + " objects on the token (quick run; the full run has 10,000)"
                : many + " objects")
            + "; in use: "
            + FEW
            + " keys, handles cached after their first use, "
            + seconds
            + " s per side, one thread;"
            + " first use: "
            + COLD_SAMPLE
            + " keys never touched before (a find by CKA_ID scans the token);"
            + String.format(
                " per operation with %d / %d objects: find %.0f / %.0f µs, encrypt %.0f / %.0f µs",
                FEW,
                many,
                hotFewRate.findMicros(),
                hotManyRate.findMicros(),
                hotFewRate.encryptMicros(),
                hotManyRate.encryptMicros());
    return List.of(
        Measurement.atLeast(
            "P3",
            "find+encrypt/s through KeyVault, keys in use, " + many + " objects ÷ " + FEW,
            Timing.rate(hotMany, "op"),
            Timing.rate(hotFew, "op") + " with " + FEW,
            hotMany / hotFew,
            0.9,
            note),
        Measurement.atLeast(
            "P3-first",
            "find+encrypt/s, first use of a key, " + many + " objects ÷ " + FEW,
            Timing.rate(coldMany, "op"),
            Timing.rate(coldFew, "op") + " with " + FEW,
            coldMany / coldFew,
            0.9,
            null));
  }

  private static double coldRate(KeyVault vault, List<UUID> untouched) {
    long began = System.nanoTime();
    for (UUID id : untouched) {
      operate(vault, id);
    }
    return untouched.size() / Timing.seconds(began, System.nanoTime());
  }

  record Rate(double perSecond, double findMicros, double encryptMicros) {}

  private static Rate hotRate(KeyVault vault, List<UUID> keys, double seconds) {
    long warmUntil = System.nanoTime() + 1_000_000_000L;
    while (System.nanoTime() < warmUntil) {
      operate(vault, keys.get(ThreadLocalRandom.current().nextInt(keys.size())));
    }
    long began = System.nanoTime();
    long until = began + (long) (seconds * 1e9);
    long operations = 0;
    long finding = 0;
    long encrypting = 0;
    byte[] plaintext = new byte[64];
    while (System.nanoTime() < until) {
      UUID id = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
      long start = System.nanoTime();
      vault.find(id).orElseThrow();
      long found = System.nanoTime();
      vault.encrypt(id, plaintext, null);
      encrypting += System.nanoTime() - found;
      finding += found - start;
      operations++;
    }
    return new Rate(
        operations / Timing.seconds(began, System.nanoTime()),
        finding / 1e3 / operations,
        encrypting / 1e3 / operations);
  }

  private static void operate(KeyVault vault, UUID id) {
    vault.find(id).orElseThrow();
    vault.encrypt(id, new byte[64], null);
  }
}
