package io.keyflow.custodian;

import org.springframework.stereotype.Component;

/**
 * What CustodianSweep.bpmn reads as {@code ${keyflowCustodian.…}}, over {@link CustodianSettings}.
 */
@Component("keyflowCustodian")
public class CustodianExpressions {

  private final CustodianSettings settings;

  CustodianExpressions(CustodianSettings settings) {
    this.settings = settings;
  }

  /** For the sweep's timer start event (evaluated when the BPMN is deployed). */
  public String getSweepCycle() {
    return settings.sweepCycle();
  }
}
