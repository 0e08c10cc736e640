package io.keyflow.hsm;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Bounds how many campaign steps use the vault at the same time ({@code
 * keyflow.hsm.max-concurrency}): a campaign starts hundreds or thousands of independent per-key
 * jobs, and the job executor would otherwise run as many vault operations at once as it has
 * threads, on every node. A fair semaphore around each campaign vault step keeps the HSM's load at
 * what it can serve; waiting jobs simply wait their turn (they do not fail or burn retries).
 */
@Component
public class HsmConcurrency {

  private final int maxConcurrency;
  private final Semaphore permits;

  public HsmConcurrency(HsmSettings settings) {
    this.maxConcurrency = settings.maxConcurrency();
    this.permits = new Semaphore(maxConcurrency, true);
  }

  /** Runs {@code operation} once a permit is free, and releases it afterwards, whatever happens. */
  public <T> T call(Supplier<T> operation) {
    permits.acquireUninterruptibly();
    try {
      return operation.get();
    } finally {
      permits.release();
    }
  }

  public int maxConcurrency() {
    return maxConcurrency;
  }
}
