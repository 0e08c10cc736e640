package io.keyflow.crypto;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/random?bytes=N}: random bytes from the HSM for any authenticated system. */
@RestController
class RandomController {

  private final RandomBytes random;
  private final CallingSystem caller;

  RandomController(RandomBytes random, CallingSystem caller) {
    this.random = random;
    this.caller = caller;
  }

  /** {@code bytes} random bytes, base64. */
  record RandomResponse(int length, String bytes) {}

  @GetMapping("/api/random")
  RandomResponse random(@RequestParam(name = "bytes", required = false) Integer bytes) {
    caller.system();
    byte[] out = random.random(bytes);
    return new RandomResponse(out.length, Base64Fields.encode(out));
  }
}
