package io.keyflow.bench;

import java.util.List;

/**
 * One figure of {@code bench/run}: measures something Keyflow does and, in the same run, the
 * reference it is divided by. A new figure (P2, the rotation campaign) is one more implementation
 * added to {@link BenchRun#FIGURES}.
 */
interface Figure {

  /** P1, P2, …: the first word of each line the figure prints. */
  String id();

  /** Runs the measurement on the shared stack; one line per ratio. */
  List<Measurement> measure(BenchStack stack) throws Exception;
}
