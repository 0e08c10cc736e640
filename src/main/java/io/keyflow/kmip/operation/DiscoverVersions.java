package io.keyflow.kmip.operation;

import io.keyflow.kmip.protocol.KmipCall;
import io.keyflow.kmip.protocol.KmipOperation;
import io.keyflow.kmip.protocol.Operation;
import io.keyflow.kmip.protocol.Payloads;
import io.keyflow.kmip.protocol.ProtocolVersion;
import io.keyflow.kmip.ttlv.Tag;
import io.keyflow.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Discover Versions: the protocol versions Keyflow speaks, most preferred first; when the client
 * lists its own, only those both speak (an empty answer says there is none).
 */
@Component
class DiscoverVersions implements KmipOperation {

  @Override
  public Operation operation() {
    return Operation.DISCOVER_VERSIONS;
  }

  @Override
  public Ttlv.Structure answer(Ttlv.Structure payload, KmipCall call) {
    Payloads.onlyTags(payload, "Discover Versions", Tag.PROTOCOL_VERSION);
    List<ProtocolVersion> asked = new ArrayList<>();
    for (Ttlv item : payload.items()) {
      asked.add(ProtocolVersion.from(item));
    }
    List<Ttlv> answer = new ArrayList<>();
    for (ProtocolVersion version : ProtocolVersion.SUPPORTED) {
      if (asked.isEmpty() || asked.contains(version)) {
        answer.add(version.toTtlv());
      }
    }
    return Ttlv.structure(Tag.RESPONSE_PAYLOAD, answer);
  }
}
