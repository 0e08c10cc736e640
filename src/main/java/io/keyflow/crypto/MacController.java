package io.keyflow.crypto;

import io.keyflow.access.AccessOperation;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HMAC-SHA-256 with MAC keys. Making a tag is the {@code sign} grant and checking one the {@code
 * verify} grant: a MAC is a symmetric signature, and a system that may only check tags (a receiver)
 * must not be able to make them.
 */
@RestController
@RequestMapping("/api/keys")
class MacController {

  private final Macs macs;
  private final CallingSystem caller;

  MacController(Macs macs, CallingSystem caller) {
    this.macs = macs;
    this.caller = caller;
  }

  record MacRequest(String data) {}

  /**
   * @param mac {@code keyflow:v<N>:<base64 of the 32-byte tag>}
   * @param raw the tag alone (base64)
   */
  record MacResponse(String alias, int version, String mac, String raw) {}

  record MacVerifyRequest(String mac, String data) {}

  record MacVerifyResponse(String alias, int version, boolean valid) {}

  @PostMapping("/{alias}/mac")
  MacResponse mac(@PathVariable String alias, @RequestBody MacRequest request) {
    caller.require(alias, AccessOperation.SIGN);
    Macs.Tagged tagged = macs.mac(alias, Base64Fields.decode("data", request.data(), true));
    return new MacResponse(
        tagged.alias(), tagged.version(), tagged.envelope(), Base64Fields.encode(tagged.tag()));
  }

  @PostMapping("/{alias}/mac/verify")
  MacVerifyResponse verify(@PathVariable String alias, @RequestBody MacVerifyRequest request) {
    caller.require(alias, AccessOperation.VERIFY);
    Macs.Checked checked =
        macs.verify(alias, request.mac(), Base64Fields.decode("data", request.data(), true));
    return new MacVerifyResponse(checked.alias(), checked.version(), checked.valid());
  }
}
