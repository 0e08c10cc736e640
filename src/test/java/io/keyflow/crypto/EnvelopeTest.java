package io.keyflow.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.hsm.GcmCiphertext;
import io.keyflow.shared.Refusal;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  @Test
  void aCiphertextEnvelopeNamesItsVersionAndCarriesIvThenCiphertext() {
    byte[] iv = new byte[12];
    iv[0] = 7;
    byte[] body = new byte[20];
    body[19] = 9;

    Envelope envelope = Envelope.of(3, new GcmCiphertext(iv, body));
    Envelope parsed = Envelope.parse("ciphertext", envelope.text());

    assertThat(envelope.text()).startsWith("keyflow:v3:");
    assertThat(parsed.version()).isEqualTo(3);
    assertThat(parsed.ciphertext("ciphertext").iv()).isEqualTo(iv);
    assertThat(parsed.ciphertext("ciphertext").ciphertext()).isEqualTo(body);
  }

  @Test
  void malformedEnvelopesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> Envelope.parse("wrapped", null))
        .isInstanceOf(Refusal.class)
        .hasMessage("wrapped is required (keyflow:v<N>:<base64>)");
    assertThatThrownBy(() -> Envelope.parse("signature", "vault:v1:AAAA"))
        .hasMessage("signature is not a Keyflow envelope: expected keyflow:v<version>:<base64>");
    assertThatThrownBy(() -> Envelope.parse("signature", "keyflow:v0:AAAA"))
        .hasMessageContaining("not a Keyflow envelope");
    assertThatThrownBy(() -> Envelope.parse("mac", "keyflow:v1:not base64!"))
        .hasMessage("mac is not valid base64 after keyflow:v<N>:");
    assertThatThrownBy(
            () ->
                Envelope.parse("items[2].ciphertext", "keyflow:v1:AAAA")
                    .ciphertext("items[2].ciphertext"))
        .hasMessageStartingWith("items[2].ciphertext is too short");
  }
}
