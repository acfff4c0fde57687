package io.github.py2sfn.tasktools.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/1.1 proxy in front of the emulator that adds a fixed delay to every request, to
 * model the round trip to an in-region AWS endpoint (local emulators answer in microseconds).
 *
 * <p>Each client connection is served by its own thread, so concurrent requests overlap their
 * delays as they would against AWS. The proxy keeps client connections alive like AWS does (moto's
 * server closes its connection after every response, so the proxy opens a fresh loopback connection
 * upstream per request and hides that from the client): a client's own connection pooling then
 * behaves as it would against AWS. Per request it waits the delay once before forwarding; a request
 * with {@code Expect: 100-continue} waits once more, as the interim response costs a round trip on
 * a real network. A new client connection can cost an extra delay ({@code connectLatencyMillis}: a
 * TCP + TLS handshake). At most {@code maxConnections} client connections are served at once.
 */
final class LatencyProxy implements AutoCloseable {

  private static final int MAX_HEAD_BYTES = 64 * 1024;

  private final InetSocketAddress upstream;
  private final long latencyNanos;
  private final long connectLatencyNanos;
  private final ServerSocket server;
  private final ExecutorService threads;
  private final Semaphore connectionSlots;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong expectContinue = new AtomicLong();
  private volatile boolean closed;

  LatencyProxy(URI upstream, double latencyMillis, double connectLatencyMillis, int maxConnections)
      throws IOException {
    this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
    this.latencyNanos = (long) (latencyMillis * 1_000_000);
    this.connectLatencyNanos = (long) (connectLatencyMillis * 1_000_000);
    this.connectionSlots = new Semaphore(maxConnections);
    this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    this.threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "latency-proxy");
              thread.setDaemon(true);
              return thread;
            });
    threads.execute(this::acceptLoop);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Client connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Requests forwarded so far. */
  long requests() {
    return requests.get();
  }

  /** Requests that asked for {@code 100 Continue}. */
  long expectContinueRequests() {
    return expectContinue.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        connectionSlots.acquireUninterruptibly();
        connections.incrementAndGet();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        if (!closed) {
          System.err.println("latency proxy: accept failed: " + e);
        }
      }
    }
  }

  private void serve(Socket client) {
    open.add(client);
    try {
      client.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
      OutputStream out = new BufferedOutputStream(client.getOutputStream(), 64 * 1024);
      sleep(connectLatencyNanos);
      while (!closed) {
        Head request = Head.read(in);
        if (request == null) {
          return; // the client closed its connection
        }
        requests.incrementAndGet();
        sleep(latencyNanos);
        if (request.has("expect", "100-continue")) {
          expectContinue.incrementAndGet();
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          sleep(latencyNanos);
        }
        if (!forward(request, in, out)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client or the emulator went away
    } finally {
      closeQuietly(client);
      open.remove(client);
      connectionSlots.release();
    }
  }

  /**
   * Sends one request upstream on a fresh connection and copies the response back.
   *
   * @return whether the client connection can carry another request
   */
  private boolean forward(Head request, InputStream clientIn, OutputStream clientOut)
      throws IOException {
    try (Socket target = new Socket()) {
      open.add(target);
      target.setTcpNoDelay(true);
      target.connect(upstream, 10_000);
      OutputStream upOut = new BufferedOutputStream(target.getOutputStream(), 64 * 1024);
      upOut.write(request.without("expect", "connection").with("Connection", "close").bytes());
      copyBody(request, clientIn, upOut);
      upOut.flush();
      InputStream upIn = new BufferedInputStream(target.getInputStream(), 64 * 1024);
      Head response = Head.read(upIn);
      if (response == null) {
        throw new EOFException("the emulator closed the connection without a response");
      }
      boolean framed =
          response.isChunked() || response.contentLength() >= 0 || response.hasNoBody(request);
      clientOut.write(
          response
              .without("connection")
              .with("Connection", framed ? "keep-alive" : "close")
              .bytes());
      if (!response.hasNoBody(request)) {
        if (framed) {
          copyBody(response, upIn, clientOut);
        } else {
          upIn.transferTo(clientOut); // delimited by the end of the connection
        }
      }
      clientOut.flush();
      return framed && !request.has("connection", "close");
    } finally {
      open.removeIf(Socket::isClosed);
    }
  }

  private static void copyBody(Head head, InputStream in, OutputStream out) throws IOException {
    if (head.isChunked()) {
      while (true) {
        String sizeLine = readLine(in);
        out.write((sizeLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
        int semicolon = sizeLine.indexOf(';');
        long size =
            Long.parseLong(
                (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
        if (size == 0) {
          String trailer;
          do {
            trailer = readLine(in);
            out.write((trailer + "\r\n").getBytes(StandardCharsets.US_ASCII));
          } while (!trailer.isEmpty());
          return;
        }
        copyExactly(in, out, size + 2); // the data and its CRLF
      }
    }
    long length = head.contentLength();
    if (length > 0) {
      copyExactly(in, out, length);
    }
  }

  private static void copyExactly(InputStream in, OutputStream out, long length)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = length;
    while (left > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        throw new EOFException("body ended " + left + " bytes early");
      }
      out.write(buffer, 0, read);
      left -= read;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      if (line.size() > MAX_HEAD_BYTES) {
        throw new IOException("line too long");
      }
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  /** A request or response head: the start line and the header lines. */
  private record Head(String startLine, List<String> headers) {

    static Head read(InputStream in) throws IOException {
      String startLine = readLine(in);
      while (startLine != null && startLine.isEmpty()) {
        startLine = readLine(in);
      }
      if (startLine == null) {
        return null;
      }
      List<String> headers = new ArrayList<>();
      String line;
      while ((line = readLine(in)) != null && !line.isEmpty()) {
        headers.add(line);
      }
      return new Head(startLine, headers);
    }

    String value(String name) {
      for (String header : headers) {
        int colon = header.indexOf(':');
        if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return header.substring(colon + 1).trim();
        }
      }
      return null;
    }

    boolean has(String name, String value) {
      String actual = value(name);
      return actual != null && actual.toLowerCase(Locale.ROOT).contains(value);
    }

    boolean isChunked() {
      return has("transfer-encoding", "chunked");
    }

    long contentLength() {
      String value = value("content-length");
      return value == null ? -1 : Long.parseLong(value);
    }

    boolean hasNoBody(Head request) {
      String[] parts = startLine.split(" ");
      int status = parts.length > 1 ? Integer.parseInt(parts[1]) : 200;
      return request.startLine().startsWith("HEAD ")
          || status == 204
          || status == 304
          || status / 100 == 1;
    }

    Head without(String... names) {
      List<String> kept = new ArrayList<>();
      outer:
      for (String header : headers) {
        int colon = header.indexOf(':');
        for (String name : names) {
          if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase(name)) {
            continue outer;
          }
        }
        kept.add(header);
      }
      return new Head(startLine, kept);
    }

    Head with(String name, String value) {
      List<String> more = new ArrayList<>(headers);
      more.add(name + ": " + value);
      return new Head(startLine, more);
    }

    byte[] bytes() {
      StringBuilder text = new StringBuilder(startLine).append("\r\n");
      headers.forEach(header -> text.append(header).append("\r\n"));
      return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private static void sleep(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    open.forEach(LatencyProxy::closeQuietly);
    threads.shutdownNow();
  }
}
