package io.keyflow.bench;

import java.util.List;

/**
 * P2: a rotation campaign of 10,000 keys, wall time ÷ the time of 10,000 raw keygens. The campaign
 * (issue 12, section 2) is not part of this build; when it is, this class seeds the keys due (as
 * {@code ObjectCountFigure} seeds token objects), starts the sweep, approves the campaign through
 * the Java API and divides its wall time by {@code RawKeygen} of as many keys.
 */
final class RotationCampaignFigure implements Figure {

  @Override
  public String id() {
    return "P2";
  }

  @Override
  public List<Measurement> measure(BenchStack stack) {
    return List.of(Measurement.notMeasured("P2", "rotation campaign of 10,000 keys ÷ 10,000 raw keygens",
        "not measured in this build: rotation campaigns are not part of it yet"));
  }
}
