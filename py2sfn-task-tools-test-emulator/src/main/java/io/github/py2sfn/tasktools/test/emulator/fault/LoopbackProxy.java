package io.github.py2sfn.tasktools.test.emulator.fault;

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
import java.time.Duration;
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
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP/1.1 proxy in front of the emulator that adds latency and spoils connections, to
 * see a client as it is against an AWS endpoint: requests take a round trip, and connections break.
 *
 * <p>Latency: the proxy waits a fixed delay before forwarding each request, and once more for a
 * request with {@code Expect: 100-continue} (the interim response costs a round trip on a real
 * network); a new client connection can cost an extra delay (a TCP + TLS handshake). Each client
 * connection has its own thread, so concurrent requests overlap their delays as they would against
 * AWS.
 *
 * <p>Faults: the first connections can be reset once their request has arrived, or held open
 * without an answer; later connections are forwarded. A stalled connection is closed after {@link
 * #MAX_STALL}.
 *
 * <p>The proxy keeps client connections alive as AWS does: moto's server closes its connection
 * after every response, so the proxy opens a fresh loopback connection upstream per request and
 * hides that from the client. A client's own connection pooling then behaves as against AWS, and
 * {@link #connections()} counts the connections it opens.
 */
public final class LoopbackProxy implements AutoCloseable {

  /** How long a stalled connection is held before the proxy closes it. */
  public static final Duration MAX_STALL = Duration.ofSeconds(10);

  // Bounds the proxy's threads should a client leak connections.
  private static final int MAX_CONNECTIONS = 1024;
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int BUFFER_BYTES = 64 * 1024;

  /** What happens to a faulty connection. */
  private enum Fault {
    /** TCP reset once the request has arrived. */
    RESET,
    /** No answer, the connection kept open. */
    STALL
  }

  private final InetSocketAddress upstream;
  private final long latencyNanos;
  private final long connectLatencyNanos;
  private final @Nullable Fault fault;
  private final int faultyConnections;
  private final ServerSocket server;
  private final ExecutorService threads;
  private final Semaphore connectionSlots = new Semaphore(MAX_CONNECTIONS);
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger faulted = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong expectContinue = new AtomicLong();
  private volatile boolean closed;

  private LoopbackProxy(Builder builder) throws IOException {
    this.upstream = new InetSocketAddress(builder.upstream.getHost(), builder.upstream.getPort());
    this.latencyNanos = builder.latency.toNanos();
    this.connectLatencyNanos = builder.connectLatency.toNanos();
    this.fault = builder.fault;
    this.faultyConnections = builder.faultyConnections;
    this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    this.threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "loopback-proxy");
              thread.setDaemon(true);
              return thread;
            });
    threads.execute(this::acceptLoop);
  }

  /**
   * Starts describing a proxy in front of an endpoint; without further settings it forwards
   * everything at once.
   *
   * @param upstream the emulator's endpoint
   * @return the builder
   */
  public static Builder to(URI upstream) {
    return new Builder(upstream);
  }

  /**
   * Starts a hung endpoint: it accepts every connection, reads what is sent and never answers (for
   * {@link #MAX_STALL} at most), as an AWS endpoint behind a broken network path does.
   *
   * @return the running endpoint; close it when done
   * @throws IOException if no loopback port can be opened
   */
  public static LoopbackProxy hung() throws IOException {
    // Every connection stalls, so the upstream is never contacted.
    return to(URI.create("http://127.0.0.1:9")).stallFirst(Integer.MAX_VALUE).start();
  }

  /** The settings of a {@link LoopbackProxy}. */
  public static final class Builder {

    private final URI upstream;
    private Duration latency = Duration.ZERO;
    private Duration connectLatency = Duration.ZERO;
    private @Nullable Fault fault;
    private int faultyConnections;

    private Builder(URI upstream) {
      this.upstream = upstream;
    }

    /**
     * Waits this long before forwarding each request.
     *
     * @param perRequest the delay, as a round trip to an in-region AWS endpoint
     * @return this builder
     */
    public Builder latency(Duration perRequest) {
      this.latency = perRequest;
      return this;
    }

    /**
     * Waits this long more on each new client connection before reading from it.
     *
     * @param perConnection the delay, as a TCP + TLS handshake
     * @return this builder
     */
    public Builder connectLatency(Duration perConnection) {
      this.connectLatency = perConnection;
      return this;
    }

    /**
     * Resets the first connections with a TCP reset once their request has arrived. Replaces an
     * earlier fault setting.
     *
     * @param connections how many, {@link Integer#MAX_VALUE} for all
     * @return this builder
     */
    public Builder resetFirst(int connections) {
      return fault(Fault.RESET, connections);
    }

    /**
     * Holds the first connections open without answering, until the client gives up or {@link
     * #MAX_STALL} has passed. Replaces an earlier fault setting.
     *
     * @param connections how many, {@link Integer#MAX_VALUE} for all
     * @return this builder
     */
    public Builder stallFirst(int connections) {
      return fault(Fault.STALL, connections);
    }

    private Builder fault(Fault fault, int connections) {
      this.fault = fault;
      this.faultyConnections = connections;
      return this;
    }

    /**
     * Starts the proxy on a free loopback port.
     *
     * @return the running proxy; close it to stop it
     * @throws IOException when no port can be bound
     */
    public LoopbackProxy start() throws IOException {
      return new LoopbackProxy(this);
    }
  }

  /**
   * Returns the endpoint to give clients instead of the emulator's.
   *
   * @return {@code http://127.0.0.1:<port>}
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /**
   * Returns how many client connections the proxy has accepted, faulty ones included.
   *
   * @return the count
   */
  public int connections() {
    return connections.get();
  }

  /**
   * Returns how many connections were reset or stalled.
   *
   * @return the count
   */
  public int faultedConnections() {
    return faulted.get();
  }

  /**
   * Returns how many requests were forwarded to the emulator.
   *
   * @return the count
   */
  public long requests() {
    return requests.get();
  }

  /**
   * Returns how many forwarded requests asked for {@code 100 Continue}.
   *
   * @return the count
   */
  public long expectContinueRequests() {
    return expectContinue.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        connectionSlots.acquireUninterruptibly();
        int number = connections.incrementAndGet();
        boolean faulty = fault != null && number <= faultyConnections;
        threads.execute(() -> serve(client, faulty));
      } catch (IOException e) {
        if (!closed) {
          System.err.println("loopback proxy: accept failed: " + e);
        }
      }
    }
  }

  private void serve(Socket client, boolean faulty) {
    open.add(client);
    try {
      client.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(client.getInputStream(), BUFFER_BYTES);
      OutputStream out = new BufferedOutputStream(client.getOutputStream(), BUFFER_BYTES);
      sleep(connectLatencyNanos);
      if (faulty) {
        spoil(client, in);
        return;
      }
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
      // the client or the emulator went away, or a stall ran out
    } finally {
      closeQuietly(client);
      open.remove(client);
      connectionSlots.release();
    }
  }

  private void spoil(Socket client, InputStream in) throws IOException {
    faulted.incrementAndGet();
    Head.read(in);
    if (fault == Fault.RESET) {
      client.setSoLinger(true, 0); // closing then sends a reset, not a FIN
      return;
    }
    // No answer ever comes: the client gives up first, or the read timeout ends the stall.
    client.setSoTimeout((int) MAX_STALL.toMillis());
    in.transferTo(OutputStream.nullOutputStream());
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
      OutputStream upOut = new BufferedOutputStream(target.getOutputStream(), BUFFER_BYTES);
      upOut.write(request.without("expect", "connection").with("Connection", "close").bytes());
      copyBody(request, clientIn, upOut);
      upOut.flush();
      InputStream upIn = new BufferedInputStream(target.getInputStream(), BUFFER_BYTES);
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
        String sizeLine = requireLine(in);
        out.write((sizeLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
        int semicolon = sizeLine.indexOf(';');
        long size =
            Long.parseLong(
                (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
        if (size == 0) {
          String trailer;
          do {
            trailer = requireLine(in);
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
    byte[] buffer = new byte[BUFFER_BYTES];
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

  private static String requireLine(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null) {
      throw new EOFException("the chunked body ended early");
    }
    return line;
  }

  private static @Nullable String readLine(InputStream in) throws IOException {
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

    static @Nullable Head read(InputStream in) throws IOException {
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

    @Nullable String value(String name) {
      for (String header : headers) {
        if (isNamed(header, name)) {
          return header.substring(header.indexOf(':') + 1).trim();
        }
      }
      return null;
    }

    private static boolean isNamed(String header, String name) {
      int colon = header.indexOf(':');
      return colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase(name);
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
      for (String header : headers) {
        if (List.of(names).stream().noneMatch(name -> isNamed(header, name))) {
          kept.add(header);
        }
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

  /** Stops accepting, closes every open connection and stops the proxy's threads. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    open.forEach(LoopbackProxy::closeQuietly);
    threads.shutdownNow();
  }
}
