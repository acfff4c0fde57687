package io.github.py2sfn.tasktools.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of the emulator that spoils the first connections: it resets them
 * once the request has arrived, or holds them open without answering. Later connections are passed
 * through. Bounded: it stops by itself after {@link #LIFETIME}, and a stalled connection is closed
 * after {@link #MAX_STALL}.
 */
final class FaultProxy implements AutoCloseable {

  /** What happens to a spoiled connection. */
  enum Fault {
    /** TCP reset after the first bytes of the request. */
    RESET,
    /** No answer, connection kept open. */
    STALL
  }

  static final Duration LIFETIME = Duration.ofSeconds(60);
  static final Duration MAX_STALL = Duration.ofSeconds(10);

  private final ServerSocket server;
  private final URI upstream;
  private final Fault fault;
  private final int faultyConnections;
  private final long deadline;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger spoiled = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * Starts the proxy.
   *
   * @param upstream the emulator's endpoint
   * @param fault what to do to the first connections
   * @param faultyConnections how many connections to spoil, {@link Integer#MAX_VALUE} for all
   */
  FaultProxy(URI upstream, Fault fault, int faultyConnections) throws IOException {
    this.upstream = upstream;
    this.fault = fault;
    this.faultyConnections = faultyConnections;
    this.deadline = System.nanoTime() + LIFETIME.toNanos();
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    server.setSoTimeout(200);
    daemon("fault-proxy-accept", this::acceptLoop).start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  int connections() {
    return connections.get();
  }

  int spoiled() {
    return spoiled.get();
  }

  private void acceptLoop() {
    while (!closed && System.nanoTime() < deadline) {
      try {
        Socket client = server.accept();
        open.add(client);
        boolean spoil = connections.incrementAndGet() <= faultyConnections;
        daemon("fault-proxy-conn", () -> serve(client, spoil)).start();
      } catch (SocketTimeoutException idle) {
        // Look at the deadline again.
      } catch (IOException failure) {
        break;
      }
    }
    close();
  }

  private void serve(Socket client, boolean spoil) {
    try {
      if (spoil) {
        spoiled.incrementAndGet();
        client.getInputStream().read(new byte[8192]);
        if (fault == Fault.RESET) {
          client.setSoLinger(true, 0);
          client.close();
        } else {
          // Drain without answering until the client gives up or the stall limit.
          client.setSoTimeout((int) MAX_STALL.toMillis());
          InputStream in = client.getInputStream();
          while (in.read(new byte[8192]) >= 0) {
            // discard
          }
          client.close();
        }
        return;
      }
      Socket server = new Socket();
      open.add(server);
      server.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 2_000);
      daemon("fault-proxy-up", () -> pipe(client, server)).start();
      pipe(server, client);
    } catch (IOException endOfConnection) {
      closeQuietly(client);
    }
  }

  private static void pipe(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException endOfConnection) {
      // One side closed: close both.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    open.forEach(FaultProxy::closeQuietly);
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Already closed.
    }
  }
}
