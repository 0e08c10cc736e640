package io.keyflow.kmip;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.kmip.protocol.ProtocolVersion;
import io.keyflow.kmip.protocol.ResultReason;
import io.keyflow.kmip.ttlv.Tag;
import io.keyflow.kmip.ttlv.Ttlv;
import io.keyflow.kmip.ttlv.TtlvCodec;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.support.FullStack;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The KMIP port in the running application (H2, software vault): PyKMIP as the client with a
 * registered system's certificate, strangers refused before any operation, and malformed input
 * answered or cut off while another client on its own connection is served throughout.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class KmipServerIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path CLIENT = Path.of("scripts", "kmip-client.py").toAbsolutePath();
  private static final Identity SERVER =
      TestCertificates.selfSigned("localhost", TestCertificates.ec("kmip-server", "secp256r1"));
  private static final int PER_CLIENT = 3;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "kmip-tls", UUID.randomUUID().toString()));
    Path certificate = Files.writeString(dir.resolve("server.crt"), SERVER.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), SERVER.privateKeyPem());
    registry.add("keyflow.kmip.port", () -> 0);
    registry.add("keyflow.kmip.certificate", certificate::toString);
    registry.add("keyflow.kmip.private-key", key::toString);
    registry.add("keyflow.kmip.read-timeout", () -> "3s");
    registry.add("keyflow.kmip.max-message-bytes", () -> 65536);
    registry.add("keyflow.kmip.max-connections-per-client", () -> PER_CLIENT);
  }

  @Autowired KmipServer server;
  @Autowired RecipientRegistry systems;
  String suffix;

  @BeforeEach
  void names() {
    suffix = UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void pykmipDiscoversVersionsAndQueriesTheServerWithARegisteredSystemsCertificate()
      throws Exception {
    Path dir = clientDirectory(register("orders-db-" + suffix));

    for (String version : List.of("1.0", "1.2", "1.4")) {
      Run versions = pykmip(dir, "--version", version, "versions");
      assertThat(versions.status()).as(versions.stderr()).isZero();
      assertThat(versions.stdout().strip()).isEqualTo("versions: 1.4 1.3 1.2 1.1 1.0");
    }

    Run query = pykmip(dir, "query");
    assertThat(query.status()).as(query.stderr()).isZero();
    assertThat(query.stdout().lines())
        .containsExactly(
            "operations: QUERY, DISCOVER_VERSIONS", "object types: ", "vendor: Keyflow");

    Run register = pykmip(dir, "register");
    assertThat(register.status()).isEqualTo(1);
    assertThat(register.stderr())
        .contains("PERMISSION_DENIED")
        .contains("keys are generated in Keyflow's HSM (OP-PROC-001 4.1)")
        .contains("no provenance");

    Run two = pykmip(dir, "--version", "2.0", "query");
    assertThat(two.status()).as(two.stdout() + two.stderr()).isEqualTo(1);
    assertThat(two.stderr()).contains("INVALID_MESSAGE").contains("KMIP 2.0 is not supported");
  }

  @Test
  void anUnregisteredCertificateOrARevokedSystemReachesNoOperation() throws Exception {
    Identity stranger =
        TestCertificates.selfSigned(
            "stranger-" + suffix, TestCertificates.rsa("kmip-stranger", 2048));
    Run refused = pykmip(clientDirectory(stranger), "query");
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.stderr())
        .contains("AUTHENTICATION_NOT_SUCCESSFUL")
        .contains("is not registered for any system");

    Identity revoked = register("retired-db-" + suffix);
    systems.revoke("retired-db-" + suffix, "The database was decommissioned", "bob");
    Path revokedDir = clientDirectory(revoked);
    Run afterRevocation = pykmip(revokedDir, "query");
    assertThat(afterRevocation.status()).isEqualTo(1);
    assertThat(afterRevocation.stderr())
        .contains("AUTHENTICATION_NOT_SUCCESSFUL")
        .contains("is revoked");
    // PyKMIP 0.10 cannot read a refused Discover Versions; the example client says so.
    Run versions = pykmip(revokedDir, "versions");
    assertThat(versions.status()).isEqualTo(1);
    assertThat(versions.stderr()).contains("run 'query' to see why");
  }

  @Test
  void malformedInputIsAnsweredOrCutOffAndAnotherClientIsServedThroughout(CapturedOutput output)
      throws Exception {
    Identity system = register("storage-" + suffix);
    Identity other = register("vsphere-" + suffix);
    try (SSLSocket wellBehaved = connect(other)) {
      assertServed(wellBehaved);

      List<byte[]> answeredInvalid = new ArrayList<>();
      // Unknown tags where the header and a batch item are read.
      answeredInvalid.add(
          TtlvCodec.encode(
              Ttlv.structure(
                  Tag.REQUEST_MESSAGE,
                  Ttlv.structure(
                      Tag.REQUEST_HEADER,
                      new ProtocolVersion(1, 2).toTtlv(),
                      new Ttlv.IntegerItem(0x54ABCD, 7),
                      new Ttlv.IntegerItem(Tag.BATCH_COUNT, 1)),
                  discoverVersionsItem())));
      // Structures nested 100 deep.
      Ttlv deep = new Ttlv.IntegerItem(0x420001, 1);
      for (int i = 0; i < 100; i++) {
        deep = Ttlv.structure(0x420002, deep);
      }
      answeredInvalid.add(TtlvCodec.encode(Ttlv.structure(Tag.REQUEST_MESSAGE, header(1), deep)));
      // A message whose inner lengths are wrong: the batch item claims more than there is.
      byte[] lying = discoverVersions(2);
      ByteBuffer.wrap(lying).putInt(lying.length - 56 + 4, 0x7FFF_FFF0);
      answeredInvalid.add(lying);
      // A well-framed message of random bytes.
      Random random = new Random(5696);
      byte[] noise = new byte[512];
      random.nextBytes(noise);
      ByteBuffer.wrap(noise).put(new byte[] {0x42, 0x00, 0x78, 0x01}).putInt(504);
      answeredInvalid.add(noise);

      for (byte[] message : answeredInvalid) {
        try (SSLSocket bad = connect(system)) {
          bad.getOutputStream().write(message);
          Ttlv.Structure answer = read(bad).orElseThrow();
          assertInvalidMessage(answer);
        }
        assertServed(wellBehaved);
      }

      // Framing the server cannot trust: answered Invalid Message and closed, body never read.
      byte[] tenMegabytes =
          ByteBuffer.allocate(8)
              .put(new byte[] {0x42, 0x00, 0x78, 0x01})
              .putInt(10 * 1024 * 1024)
              .array();
      byte[] randomStart = new byte[64];
      random.nextBytes(randomStart);
      randomStart[0] = 0x13;
      for (byte[] start : List.of(tenMegabytes, randomStart)) {
        try (SSLSocket bad = connect(system)) {
          bad.getOutputStream().write(start);
          assertInvalidMessage(read(bad).orElseThrow());
          assertThat(read(bad)).as("the connection is closed after the answer").isEmpty();
        }
        assertServed(wellBehaved);
      }

      // Truncated messages, and a client that stalls inside a message: closed, nothing answered.
      byte[] good = discoverVersions(2);
      try (SSLSocket truncated = connect(system)) {
        truncated.getOutputStream().write(good, 0, good.length / 2);
        truncated.shutdownOutput();
        assertThat(read(truncated)).isEmpty();
      } catch (SSLException | SocketException closedFirst) {
        // TLS may refuse the half-close itself; the server has ended the connection either way.
      }
      try (SSLSocket stalled = connect(system)) {
        stalled.getOutputStream().write(good, 0, 20);
        long start = System.nanoTime();
        assertThat(read(stalled)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
      }
      assertServed(wellBehaved);

      // Random bytes where the TLS handshake should be.
      try (var raw = new java.net.Socket("localhost", server.port())) {
        raw.setSoTimeout(10_000);
        byte[] junk = new byte[4096];
        random.nextBytes(junk);
        raw.getOutputStream().write(junk);
        assertThat(raw.getInputStream().readAllBytes().length).isLessThan(4096);
      } catch (SocketException reset) {
        // The server reset the connection: also a refusal.
      }
      assertServed(wellBehaved);
    }
    assertThat(output.getAll())
        .as("nothing a client sent is logged as an ERROR")
        .doesNotContain("ERROR");
  }

  @Test
  void oneClientHoldsAtMostItsShareOfConnections() throws Exception {
    Identity system = register("mysql-" + suffix);
    List<SSLSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < PER_CLIENT; i++) {
        SSLSocket socket = connect(system);
        held.add(socket);
        assertServed(socket);
      }
      try (SSLSocket oneTooMany = connect(system)) {
        oneTooMany.getOutputStream().write(discoverVersions(2));
        Ttlv.Structure item = batchItem(read(oneTooMany).orElseThrow());
        assertThat(item.first(Tag.RESULT_REASON))
            .contains(new Ttlv.EnumItem(Tag.RESULT_REASON, ResultReason.PERMISSION_DENIED.code()));
        assertThat(text(item, Tag.RESULT_MESSAGE)).contains("already holds 3 connections");
      }
      held.remove(0).close();
      FullStack.await(
          "a connection is free again",
          WAIT,
          () -> {
            try (SSLSocket again = connect(system)) {
              again.getOutputStream().write(discoverVersions(2));
              return batchItem(read(again).orElseThrow())
                  .first(Tag.RESULT_STATUS)
                  .map(s -> ((Ttlv.EnumItem) s).value() == 0)
                  .orElse(false);
            } catch (IOException e) {
              return false;
            }
          });
    } finally {
      for (SSLSocket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void aClientWithoutTls12OrAnAeadSuiteOrACertificateFailsTheHandshake() throws Exception {
    Identity system = register("netapp-" + suffix);
    javax.net.ssl.SSLContext context = TestCertificates.clientContext(system, SERVER.certificate());
    String[][] offers = {
      {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
      {"TLSv1.1", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
    };
    for (String[] offer : offers) {
      try (SSLSocket socket =
          (SSLSocket) context.getSocketFactory().createSocket("localhost", server.port())) {
        socket.setSoTimeout(20_000);
        socket.setEnabledProtocols(new String[] {offer[0]});
        socket.setEnabledCipherSuites(new String[] {offer[1]});
        assertThat(handshakeFails(socket)).as(String.join(" ", offer)).isTrue();
      }
    }
    javax.net.ssl.SSLContext anonymous = TestCertificates.clientContext(null, SERVER.certificate());
    try (SSLSocket socket =
        (SSLSocket) anonymous.getSocketFactory().createSocket("localhost", server.port())) {
      socket.setSoTimeout(20_000);
      // TLS 1.3 may finish the client's side first; the server's refusal then ends the connection.
      boolean refused = handshakeFails(socket) || read(socket).isEmpty();
      assertThat(refused).as("no client certificate").isTrue();
    }
  }

  private static boolean handshakeFails(SSLSocket socket) {
    try {
      socket.startHandshake();
      return false;
    } catch (IOException refused) {
      return true;
    }
  }

  // ---- the Java client used for the malformed input ----

  private SSLSocket connect(Identity identity) throws IOException {
    SSLSocket socket =
        (SSLSocket)
            TestCertificates.clientContext(identity, SERVER.certificate())
                .getSocketFactory()
                .createSocket("localhost", server.port());
    socket.setSoTimeout(20_000);
    socket.startHandshake();
    return socket;
  }

  private void assertServed(SSLSocket socket) throws IOException {
    socket.getOutputStream().write(discoverVersions(2));
    Ttlv.Structure item = batchItem(read(socket).orElseThrow());
    assertThat(item.first(Tag.RESULT_STATUS)).contains(new Ttlv.EnumItem(Tag.RESULT_STATUS, 0));
  }

  private static void assertInvalidMessage(Ttlv.Structure response) {
    Ttlv.Structure item = batchItem(response);
    assertThat(item.first(Tag.RESULT_REASON))
        .as(item.toString())
        .contains(new Ttlv.EnumItem(Tag.RESULT_REASON, ResultReason.INVALID_MESSAGE.code()));
    assertThat(text(item, Tag.RESULT_MESSAGE)).isNotBlank();
  }

  /** The next response on the connection, or empty when the server closed it. */
  private static Optional<Ttlv.Structure> read(SSLSocket socket) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] header;
    try {
      header = in.readNBytes(8);
    } catch (SocketException | SSLException | EOFException closed) {
      return Optional.empty();
    } catch (SocketTimeoutException stillOpen) {
      throw new AssertionError("The server neither answered nor closed the connection");
    }
    if (header.length < 8) {
      return Optional.empty();
    }
    int length = (int) TtlvCodec.announcedLength(header);
    byte[] message = new byte[length];
    System.arraycopy(header, 0, message, 0, 8);
    if (in.readNBytes(message, 8, length - 8) < length - 8) {
      throw new AssertionError("The response ended early");
    }
    Ttlv.Structure response =
        (Ttlv.Structure) new TtlvCodec(new TtlvCodec.Limits(1 << 20, 1 << 20, 16)).decode(message);
    assertThat(response.tag()).isEqualTo(Tag.RESPONSE_MESSAGE);
    return Optional.of(response);
  }

  private static Ttlv.Structure batchItem(Ttlv.Structure response) {
    return (Ttlv.Structure) response.first(Tag.BATCH_ITEM).orElseThrow();
  }

  private static String text(Ttlv.Structure item, int tag) {
    return ((Ttlv.TextItem) item.first(tag).orElseThrow()).value();
  }

  private static Ttlv.Structure header(int batchCount) {
    return Ttlv.structure(
        Tag.REQUEST_HEADER,
        new ProtocolVersion(1, 2).toTtlv(),
        new Ttlv.IntegerItem(Tag.BATCH_COUNT, batchCount));
  }

  private static Ttlv.Structure discoverVersionsItem() {
    return Ttlv.structure(
        Tag.BATCH_ITEM,
        new Ttlv.EnumItem(Tag.OPERATION, 0x1E),
        Ttlv.structure(Tag.REQUEST_PAYLOAD));
  }

  /** A Discover Versions request; with {@code minor} 2 it is what PyKMIP sends by default. */
  private static byte[] discoverVersions(int minor) {
    return TtlvCodec.encode(
        Ttlv.structure(
            Tag.REQUEST_MESSAGE,
            Ttlv.structure(
                Tag.REQUEST_HEADER,
                new ProtocolVersion(1, minor).toTtlv(),
                new Ttlv.IntegerItem(Tag.BATCH_COUNT, 1)),
            discoverVersionsItem()));
  }

  // ---- PyKMIP ----

  record Run(int status, String stdout, String stderr) {}

  private Identity register(String name) {
    Identity identity =
        TestCertificates.selfSigned(name, TestCertificates.rsa("kmip-" + name, 3072));
    systems.register(
        new RecipientRegistry.Registration(
            name, "PRODUCTION", identity.certificatePem(), null, null, null),
        "bob");
    return identity;
  }

  /** A directory as a KMIP client keeps it: its certificate and key, the server's certificate. */
  private Path clientDirectory(Identity identity) throws IOException {
    Path dir =
        Files.createDirectories(
            Path.of("target", "kmip-client", suffix + "-" + UUID.randomUUID()).toAbsolutePath());
    Files.writeString(dir.resolve("system.crt"), identity.certificatePem());
    Path key = Files.writeString(dir.resolve("system.key"), identity.privateKeyPem());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve("kmip-tls.crt"), SERVER.certificatePem());
    return dir;
  }

  /** Runs scripts/kmip-client.py with Debian's PyKMIP against the running server. */
  private Run pykmip(Path dir, String... arguments) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/python3",
                CLIENT.toString(),
                "--host",
                "localhost",
                "--port",
                String.valueOf(server.port())));
    command.addAll(List.of(arguments));
    Path out = Files.createTempFile(dir, "pykmip", ".out");
    Path err = Files.createTempFile(dir, "pykmip", ".err");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("PyKMIP did not end within " + WAIT.toSeconds() + " s");
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
