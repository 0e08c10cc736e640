package io.keyflow.kmip.operation;

import io.keyflow.kmip.protocol.KmipCall;
import io.keyflow.kmip.protocol.KmipFailure;
import io.keyflow.kmip.protocol.KmipOperation;
import io.keyflow.kmip.protocol.Operation;
import io.keyflow.kmip.protocol.ResultReason;
import io.keyflow.kmip.ttlv.Ttlv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Register is always refused: a key made outside Keyflow's HSM has no provenance (OP-PROC-001 4.1).
 * The payload is not read, so key material a client sent is never looked at, kept or logged.
 */
@Component
class Register implements KmipOperation {

  private static final Logger log = LoggerFactory.getLogger(Register.class);

  static final String REFUSAL =
      "Keyflow does not register keys made elsewhere: keys are generated in Keyflow's HSM"
          + " (OP-PROC-001 4.1), and a key made outside it has no provenance. Ask for a key with"
          + " Create instead.";

  @Override
  public Operation operation() {
    return Operation.REGISTER;
  }

  @Override
  public boolean offered() {
    return false;
  }

  @Override
  public Ttlv.Structure answer(Ttlv.Structure payload, KmipCall call) {
    log.info("KMIP Register refused for {}: keys are generated in the HSM", call.client().name());
    throw new KmipFailure(ResultReason.PERMISSION_DENIED, REFUSAL);
  }
}
