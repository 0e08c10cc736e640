package io.keyflow.security;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Connector;

/**
 * Where the distribution port is, once the server runs: tells whether a request arrived over mutual
 * TLS on it. Requests on the ordinary port never count, whatever they carry.
 */
public final class MutualTlsPort {

  private volatile Connector connector;

  void attach(Connector connector) {
    this.connector = connector;
  }

  /** The bound port, or -1 when mutual-TLS pickup is not enabled (or the server is not running). */
  public int port() {
    Connector current = connector;
    return current == null ? -1 : current.getLocalPort();
  }

  /**
   * Whether the request came in on the distribution port (always HTTPS with a client certificate).
   */
  public boolean carried(HttpServletRequest request) {
    int port = port();
    return port > 0 && request.isSecure() && request.getLocalPort() == port;
  }
}
