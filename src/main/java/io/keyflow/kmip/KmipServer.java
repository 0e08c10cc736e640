package io.keyflow.kmip;

import io.keyflow.kmip.protocol.ProtocolVersion;
import io.keyflow.kmip.protocol.RequestProcessor;
import io.keyflow.kmip.protocol.ResultReason;
import io.keyflow.kmip.ttlv.Tag;
import io.keyflow.kmip.ttlv.TtlvCodec;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The KMIP listener: plain JSSE on a bounded pool of threads, one per connection. Each connection
 * does the TLS handshake (client certificate required), then reads request messages one at a time:
 * the 8-byte TTLV header first, so that a message that does not start as a Request Message or
 * announces more than {@code max-message-bytes} is answered with Invalid Message and the connection
 * closed before its body is read. A connection idle beyond the idle timeout, or that pauses inside
 * a message beyond the read timeout, is closed. Every message is authenticated again ({@link
 * KmipClients}); one client may hold at most {@code max-connections-per-client} connections, and
 * all clients at most {@code max-connections}. Nothing a client sends is logged above INFO or with
 * a stack trace: a broken client cannot fill the log or disturb the others.
 */
public final class KmipServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(KmipServer.class);

  private final KmipSettings settings;
  private final SSLContext context;
  private final String identitySource;
  private final RequestProcessor processor;
  private final KmipClients clients;
  private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger threadNumber = new AtomicInteger();
  private volatile SSLServerSocket serverSocket;
  private volatile ThreadPoolExecutor workers;
  private volatile Thread acceptor;

  KmipServer(
      KmipSettings settings, KmipTls.Server tls, RequestProcessor processor, KmipClients clients) {
    this.settings = settings;
    this.context = tls.context();
    this.identitySource = tls.source();
    this.processor = processor;
    this.clients = clients;
  }

  /** The bound port, or -1 when the listener is not running. */
  public int port() {
    SSLServerSocket socket = serverSocket;
    return socket == null ? -1 : socket.getLocalPort();
  }

  @Override
  public synchronized void start() {
    if (serverSocket != null) {
      return;
    }
    try {
      SSLServerSocket socket =
          (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
      socket.setSSLParameters(KmipTls.parameters(context));
      socket.setReuseAddress(true);
      InetAddress address =
          settings.bindAddress() == null || settings.bindAddress().isBlank()
              ? null
              : InetAddress.getByName(settings.bindAddress());
      socket.bind(new InetSocketAddress(address, settings.port()), 64);
      serverSocket = socket;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Could not open the KMIP port " + settings.port() + ": " + e.getMessage(), e);
    }
    workers =
        new ThreadPoolExecutor(
            settings.maxConnections(),
            settings.maxConnections(),
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "kmip-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    workers.allowCoreThreadTimeOut(true);
    acceptor = new Thread(this::accept, "kmip-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    log.info(
        "KMIP port {}: TLS {} with AEAD suites, client certificate required and pinned to a"
            + " registered system, server identity from {}",
        port(),
        KmipTls.PROTOCOLS,
        identitySource);
  }

  @Override
  public synchronized void stop() {
    SSLServerSocket socket = serverSocket;
    if (socket == null) {
      return;
    }
    serverSocket = null;
    closeQuietly(socket);
    open.forEach(KmipServer::closeQuietly);
    workers.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return serverSocket != null;
  }

  private void accept() {
    SSLServerSocket socket = serverSocket;
    while (socket != null && !socket.isClosed()) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException e) {
        if (!socket.isClosed()) {
          log.info("KMIP port: accepting a connection failed: {}", e.getMessage());
        }
        continue;
      }
      try {
        workers.execute(() -> serve((SSLSocket) connection));
      } catch (RejectedExecutionException full) {
        log.warn(
            "KMIP port: {} connections are open (keyflow.kmip.max-connections); closed one from {}",
            settings.maxConnections(),
            connection.getInetAddress().getHostAddress());
        closeQuietly(connection);
      }
    }
  }

  private void serve(SSLSocket socket) {
    open.add(socket);
    String peer = socket.getInetAddress().getHostAddress();
    String counted = null;
    try {
      socket.setSoTimeout(Math.toIntExact(settings.handshakeTimeout().toMillis()));
      socket.startHandshake();
      KmipClients.Authentication first = clients.authenticate(socket.getSession());
      if (first.fingerprint() != null) {
        counted = first.fingerprint();
        int held =
            perClient
                .compute(
                    counted,
                    (f, n) -> {
                      AtomicInteger c = n == null ? new AtomicInteger() : n;
                      c.incrementAndGet();
                      return c;
                    })
                .get();
        if (held > settings.maxConnectionsPerClient()) {
          log.warn(
              "KMIP port: client certificate {} from {} already holds {} connections"
                  + " (keyflow.kmip.max-connections-per-client)",
              first.fingerprint(),
              peer,
              settings.maxConnectionsPerClient());
          answerOnceAndClose(
              socket,
              ResultReason.PERMISSION_DENIED,
              "This client already holds "
                  + settings.maxConnectionsPerClient()
                  + " connections to Keyflow's KMIP port; close one first");
          return;
        }
      }
      conversation(socket, peer);
    } catch (SocketTimeoutException e) {
      log.info("KMIP connection from {} closed: nothing received within the timeout", peer);
    } catch (SSLException e) {
      log.info("KMIP connection from {} closed: TLS failed: {}", peer, e.getMessage());
    } catch (EOFException | SocketException e) {
      log.debug("KMIP connection from {} ended: {}", peer, e.getMessage());
    } catch (IOException e) {
      log.info("KMIP connection from {} closed: {}", peer, e.getMessage());
    } finally {
      if (counted != null) {
        // Entries go when their last connection does, so strangers' certificates leave nothing.
        perClient.computeIfPresent(counted, (f, n) -> n.decrementAndGet() == 0 ? null : n);
      }
      open.remove(socket);
      closeQuietly(socket);
    }
  }

  /** Reads and answers messages until the client closes, times out or sends a malformed one. */
  private void conversation(SSLSocket socket, String peer) throws IOException {
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    while (true) {
      byte[] header = header(socket, in);
      if (header.length == 0) {
        return;
      }
      if (header.length < TtlvCodec.HEADER_BYTES) {
        log.info("KMIP connection from {} closed: it ended inside a message header", peer);
        return;
      }
      String malformed = framing(header);
      if (malformed != null) {
        log.info("KMIP connection from {} closed: {}", peer, malformed);
        write(out, processor.invalidMessage(ProtocolVersion.FALLBACK, malformed));
        return;
      }
      int length = (int) TtlvCodec.announcedLength(header);
      byte[] message = new byte[length];
      System.arraycopy(header, 0, message, 0, header.length);
      int read = in.readNBytes(message, header.length, length - header.length);
      if (read < length - header.length) {
        log.info(
            "KMIP connection from {} closed: it ended {} bytes into a {}-byte message",
            peer,
            header.length + read,
            length);
        return;
      }
      KmipClients.Authentication caller = clients.authenticate(socket.getSession());
      if (!caller.accepted()) {
        log.warn("KMIP request from {} refused: {}", peer, caller.refusal());
        write(
            out,
            processor.refuse(
                message, ResultReason.AUTHENTICATION_NOT_SUCCESSFUL, caller.refusal()));
        return;
      }
      write(out, processor.answer(message, caller.client()));
    }
  }

  /**
   * The next message's 8-byte header: its first byte may take the idle timeout, the rest of the
   * message only the read timeout. Empty when the client closed the connection between messages.
   */
  private byte[] header(SSLSocket socket, InputStream in) throws IOException {
    socket.setSoTimeout(Math.toIntExact(settings.idleTimeout().toMillis()));
    int first = in.read();
    if (first < 0) {
      return new byte[0];
    }
    socket.setSoTimeout(Math.toIntExact(settings.readTimeout().toMillis()));
    byte[] rest = in.readNBytes(TtlvCodec.HEADER_BYTES - 1);
    byte[] header = new byte[1 + rest.length];
    header[0] = (byte) first;
    System.arraycopy(rest, 0, header, 1, rest.length);
    return header;
  }

  /** Why a message header cannot start a request we will read, or null when it can. */
  private String framing(byte[] header) {
    int tag = TtlvCodec.announcedTag(header);
    if (tag != Tag.REQUEST_MESSAGE || header[3] != 0x01) {
      return "the message does not start with a Request Message structure (tag 0x420078)";
    }
    long length = TtlvCodec.announcedLength(header);
    if (length > settings.maxMessageBytes()) {
      return "the message announces "
          + length
          + " bytes; at most "
          + settings.maxMessageBytes()
          + " are accepted (keyflow.kmip.max-message-bytes)";
    }
    return null;
  }

  private void answerOnceAndClose(SSLSocket socket, ResultReason reason, String why)
      throws IOException {
    InputStream in = socket.getInputStream();
    byte[] header = header(socket, in);
    if (header.length < TtlvCodec.HEADER_BYTES || framing(header) != null) {
      return;
    }
    int length = (int) TtlvCodec.announcedLength(header);
    byte[] message = new byte[length];
    System.arraycopy(header, 0, message, 0, header.length);
    if (in.readNBytes(message, header.length, length - header.length) == length - header.length) {
      write(socket.getOutputStream(), processor.refuse(message, reason, why));
    }
  }

  private static void write(OutputStream out, byte[] response) throws IOException {
    out.write(response);
    out.flush();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Closing a connection that is already broken: nothing more to do.
    }
  }
}
