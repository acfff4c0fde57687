package io.github.py2sfn.tasktools.test.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A Python virtualenv holding moto (server mode) and the Python py2sfn-task-tools, installed on
 * first use from the requirements resource {@value #REQUIREMENTS_RESOURCE}.
 *
 * <p>Its directory is the system property {@code py2sfn.python.venv}, else the environment variable
 * {@code PY2SFN_PYTHON_VENV}, else {@code target/python-venv} in the working directory. The file
 * {@code .requirements.sha256} in it holds the sha256 of the requirements installed, so a venv made
 * by an earlier run, another JVM or {@code .ci/python-env.sh} is reused. A file lock next to it
 * serializes concurrent installs.
 */
public final class PythonVirtualEnv {

  private static final String REQUIREMENTS_RESOURCE =
      "io/github/py2sfn/tasktools/test/emulator/python-requirements.txt";
  private static final String MARKER_FILE = ".requirements.sha256";
  private static final long INSTALL_TIMEOUT_MINUTES = 15;
  private static final int OUTPUT_TAIL_LINES = 40;

  private static @Nullable PythonVirtualEnv shared;

  private final Path directory;

  private PythonVirtualEnv(Path directory) {
    this.directory = directory;
  }

  /**
   * Returns the virtualenv of this checkout, creating it or installing the requirements first when
   * its marker does not match them (minutes on the first run; blocks while another JVM installs).
   *
   * @throws IllegalStateException when creating the venv or installing into it fails
   */
  public static synchronized PythonVirtualEnv shared() {
    if (shared == null) {
      PythonVirtualEnv venv = new PythonVirtualEnv(configuredDirectory());
      venv.ensureInstalled();
      shared = venv;
    }
    return shared;
  }

  /** The virtualenv's directory (absolute). */
  public Path directory() {
    return directory;
  }

  /** The virtualenv's Python executable. */
  public Path python() {
    return System.getProperty("os.name").startsWith("Windows")
        ? directory.resolve("Scripts").resolve("python.exe")
        : directory.resolve("bin").resolve("python");
  }

  private static Path configuredDirectory() {
    String configured = System.getProperty("py2sfn.python.venv");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("PY2SFN_PYTHON_VENV");
    }
    if (configured == null || configured.isBlank()) {
      configured = "target/python-venv";
    }
    return Path.of(configured).toAbsolutePath().normalize();
  }

  private void ensureInstalled() {
    byte[] requirements = requirements();
    String checksum = sha256(requirements);
    Path marker = directory.resolve(MARKER_FILE);
    try {
      Files.createDirectories(directory.getParent());
      Path lockFile = directory.resolveSibling(directory.getFileName() + ".lock");
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        channel.lock(); // held until the channel closes
        // Checked under the lock: another JVM may have installed while this one waited.
        if (isInstalled(marker, checksum)) {
          return;
        }
        install(requirements);
        Files.writeString(marker, checksum + "\n", StandardCharsets.US_ASCII);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot set up the Python virtualenv " + directory, e);
    }
  }

  private boolean isInstalled(Path marker, String checksum) throws IOException {
    return Files.isRegularFile(marker)
        && Files.isExecutable(python())
        && Files.readString(marker, StandardCharsets.US_ASCII).trim().equals(checksum);
  }

  private void install(byte[] requirements) throws IOException {
    String packages =
        new String(requirements, StandardCharsets.UTF_8)
            .lines()
            .map(String::trim)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .collect(Collectors.joining(", "));
    System.err.println("Installing " + packages + " into " + directory + " (first run only)");
    Path log = directory.resolveSibling(directory.getFileName() + "-install.log");
    Files.deleteIfExists(directory.resolve(MARKER_FILE));
    run(
        List.of("python3", "-m", "venv", directory.toString()),
        log,
        "Creating the virtualenv failed (on Debian/Ubuntu install python3-venv, or run .ci/python-env.sh)");
    Path requirementsFile = directory.resolve("requirements.txt");
    Files.write(requirementsFile, requirements);
    run(
        List.of(python().toString(), "-m", "pip", "install", "-r", requirementsFile.toString()),
        log,
        "pip install failed");
  }

  private static void run(List<String> command, Path log, String failure) throws IOException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            failure
                + ": timed out after "
                + INSTALL_TIMEOUT_MINUTES
                + " minutes running "
                + command
                + ". Output tail:\n"
                + tail(log));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(failure + ": interrupted running " + command, e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          failure
              + " (exit code "
              + process.exitValue()
              + ") running "
              + command
              + ". Output tail:\n"
              + tail(log));
    }
  }

  /** The last lines of a log file, for error messages. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private static byte[] requirements() {
    try (InputStream in =
        PythonVirtualEnv.class.getClassLoader().getResourceAsStream(REQUIREMENTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing classpath resource " + REQUIREMENTS_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read classpath resource " + REQUIREMENTS_RESOURCE, e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-256", e);
    }
  }
}
