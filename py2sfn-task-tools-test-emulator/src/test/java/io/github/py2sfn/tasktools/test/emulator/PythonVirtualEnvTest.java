package io.github.py2sfn.tasktools.test.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The harness's Python virtualenv: created with pip on first use, so it runs with the emulator
 * tests.
 */
@Tag("aws-emulator")
class PythonVirtualEnvTest {

  @Test
  void markerHoldsTheSha256OfTheRequirementsResource()
      throws IOException, NoSuchAlgorithmException {
    PythonVirtualEnv venv = PythonVirtualEnv.shared();
    byte[] requirements;
    try (InputStream in = getClass().getResourceAsStream("python-requirements.txt")) {
      assertThat(in).isNotNull();
      requirements = in.readAllBytes();
    }

    assertThat(
            Files.readString(
                venv.directory().resolve(".requirements.sha256"), StandardCharsets.US_ASCII))
        .isEqualTo(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(requirements))
                + "\n");
    assertThat(venv.python()).isExecutable();
  }
}
