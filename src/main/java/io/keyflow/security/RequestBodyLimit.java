package io.keyflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code keyflow.http.max-request-body} on {@code /api} and
 * {@code /engine-rest} with 413, before anything reads them: a declared length over the limit is
 * answered at once; a body without a declared length is cut off when it passes the limit, with
 * {@link TooLarge}, which the API's problem handlers answer with 413.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

  /** Thrown while reading a body that grew past the limit. */
  public static final class TooLarge extends IOException {
    TooLarge(long limit) {
      super("The request body is larger than " + limit + " bytes");
    }
  }

  private final long limit;

  public RequestBodyLimit(long limit) {
    this.limit = limit;
  }

  /** The problem-details body of a 413 for a body over {@code limit} bytes. */
  public static String problem(long limit) {
    return "{\"type\":\"https://keyflow.io/problems/body-too-large\",\"title\":\"Request body too large\","
        + "\"status\":413,\"detail\":\"The request body is larger than "
        + limit
        + " bytes; send less (the crypto API takes at most 64 KiB of plaintext)\"}";
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      response.setStatus(413);
      response.setContentType("application/problem+json");
      response.getOutputStream().write(problem(limit).getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(
        request.getContentLengthLong() >= 0 ? request : new Limited(request, limit), response);
  }

  /** A request whose body stream fails once more than {@code limit} bytes were read. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = in.read();
                count(b < 0 ? 0 : 1);
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
              }

              private void count(int n) throws TooLarge {
                read += n;
                if (read > limit) {
                  throw new TooLarge(limit);
                }
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
