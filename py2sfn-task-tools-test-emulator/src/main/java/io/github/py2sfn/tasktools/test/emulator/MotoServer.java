package io.github.py2sfn.tasktools.test.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.regions.Region;

/**
 * Starts moto in server mode from the {@link PythonVirtualEnv} and talks to its {@code /moto-api}.
 */
final class MotoServer {

  /** moto's default account id. */
  static final String ACCOUNT_ID = "123456789012";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  // The free port is released before moto binds it, so another process may take it meanwhile: retry
  // then.
  private static final int START_ATTEMPTS = 3;
  // Plain HTTP/1.1: offering an h2c upgrade to moto (werkzeug) only adds headers it ignores.
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private MotoServer() {}

  /**
   * Starts a moto server on a free loopback port and returns an emulator that stops it on close.
   */
  static DefaultAwsEmulator start() {
    Path python = PythonVirtualEnv.shared().python();
    Path logDirectory = Path.of("target").toAbsolutePath();
    try {
      Files.createDirectories(logDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the moto log directory " + logDirectory, e);
    }
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      Path log = logDirectory.resolve("moto-" + port + ".log");
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      Process process =
          startProcess(
              List.of(
                  python.toString(),
                  Script.FILE.toString(),
                  "-H",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(port)),
              port,
              log);
      if (awaitAnswer(process, endpoint, log)) {
        return new DefaultAwsEmulator(
            "moto",
            endpoint,
            Region.US_EAST_1,
            AwsEmulators.TEST_CREDENTIALS,
            ACCOUNT_ID,
            () -> enableStateMachineExecution(endpoint),
            () -> stop(process));
      }
      if (attempt == START_ATTEMPTS) {
        throw new IllegalStateException(
            "moto server exited with code "
                + process.exitValue()
                + " on start ("
                + START_ATTEMPTS
                + " attempts); log "
                + log
                + ":\n"
                + PythonVirtualEnv.tail(log));
      }
    }
  }

  /**
   * Asks a moto server to execute state machines (its config API, which applies to the whole
   * server).
   *
   * @return false when the endpoint answers but is not a moto server
   */
  static boolean tryEnableStateMachineExecution(URI endpoint) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/moto-api/config"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"stepfunctions\": {\"execute_state_machine\": true}}"))
            .build();
    try {
      int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status >= 200 && status < 300;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot reach " + request.uri() + " to enable state machine execution", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted enabling state machine execution at " + request.uri(), e);
    }
  }

  private static void enableStateMachineExecution(URI endpoint) {
    if (!tryEnableStateMachineExecution(endpoint)) {
      throw new IllegalStateException(
          "moto at " + endpoint + " refused the state machine execution config");
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free loopback port for moto", e);
    }
  }

  private static Process startProcess(List<String> command, int port, Path log) {
    ProcessBuilder process = new ProcessBuilder(command);
    // moto's Step Functions runs aws-sdk and other service integrations through boto3 against
    // localhost:MOTO_PORT (5000 when unset): point them at this server.
    process.environment().put("MOTO_PORT", Integer.toString(port));
    try {
      return process.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start moto: " + command, e);
    }
  }

  /**
   * Waits until moto answers HTTP.
   *
   * @return false when the process exited first
   * @throws IllegalStateException when it neither answers nor exits in time (the process is
   *     stopped)
   */
  private static boolean awaitAnswer(Process process, URI endpoint, Path log) {
    HttpRequest probe =
        HttpRequest.newBuilder(endpoint.resolve("/moto-api/config"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    try {
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          return false;
        }
        try {
          HTTP.send(probe, HttpResponse.BodyHandlers.discarding());
          return true;
        } catch (IOException notYetListening) {
          Thread.sleep(POLL_INTERVAL.toMillis());
        }
      }
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for moto at " + endpoint, e);
    }
    stop(process);
    throw new IllegalStateException(
        "moto did not answer at "
            + endpoint
            + " within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s; log "
            + log
            + ":\n"
            + PythonVirtualEnv.tail(log));
  }

  /** Stops moto and anything it spawned, forcibly if it does not exit in time. */
  private static void stop(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      descendants.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The script that starts moto's server with TransactWriteItems made isolated (see its comment),
   * copied once to a file: Python cannot run it from inside a jar.
   */
  private static final class Script {

    static final String RESOURCE = "io/github/py2sfn/tasktools/test/emulator/moto_server.py";

    static final Path FILE = extract();

    private static Path extract() {
      try (java.io.InputStream in =
          MotoServer.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Missing classpath resource " + RESOURCE);
        }
        Path file = Files.createTempFile("moto_server", ".py");
        file.toFile().deleteOnExit();
        Files.write(file, in.readAllBytes());
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot copy " + RESOURCE, e);
      }
    }
  }
}
