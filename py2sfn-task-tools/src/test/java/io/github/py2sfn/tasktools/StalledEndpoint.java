package io.github.py2sfn.tasktools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hung endpoint: it accepts every connection on a loopback port, reads nothing and never answers,
 * as an AWS endpoint behind a broken network path does. Counts the connections, one per attempt of
 * a client that gives up on each.
 */
public final class StalledEndpoint implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();

  /** Starts accepting on a free loopback port. */
  public StalledEndpoint() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
    Thread acceptor = new Thread(this::acceptForever, "stalled-endpoint-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptForever() {
    try {
      while (true) {
        connections.add(server.accept());
      }
    } catch (IOException closed) {
      // close() ends the loop.
    }
  }

  /** Returns the endpoint's URI, {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return URI.create(
        "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
  }

  /** Returns how many connections were accepted so far. */
  public int connections() {
    return connections.size();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket connection : connections) {
      connection.close();
    }
  }
}
