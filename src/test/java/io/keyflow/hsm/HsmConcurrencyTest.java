package io.keyflow.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HsmConcurrencyTest {

  @Test
  void atMostMaxConcurrencyOperationsRunAtOnceAndAllOfThemFinish() throws Exception {
    HsmConcurrency bound = new HsmConcurrency(new HsmSettings(2));
    AtomicInteger running = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    CountDownLatch twoInside = new CountDownLatch(2);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        results.add(
            threads.submit(
                () ->
                    bound.call(
                        () -> {
                          highest.accumulateAndGet(running.incrementAndGet(), Math::max);
                          twoInside.countDown();
                          try {
                            // Hold the permit until two operations were inside at once, so overlap
                            // is really tried.
                            twoInside.await(5, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          running.decrementAndGet();
                          return n;
                        })));
      }
      int sum = 0;
      for (Future<Integer> result : results) {
        sum += result.get(10, TimeUnit.SECONDS);
      }
      assertThat(sum).isEqualTo(28);
      assertThat(highest.get()).isEqualTo(2);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aFailingOperationGivesItsPermitBack() {
    HsmConcurrency bound = new HsmConcurrency(new HsmSettings(1));
    assertThatThrownBy(
            () ->
                bound.call(
                    () -> {
                      throw new IllegalStateException("device error");
                    }))
        .hasMessage("device error");
    assertThat(bound.call(() -> "next")).isEqualTo("next");
  }
}
