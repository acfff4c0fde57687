package io.github.py2sfn.tasktools.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facts about the machine printed with the figures (processors, memory, CPU model, JVM, OS, load
 * average), as shared machines make figures vary.
 */
final class Machine {

  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    machine.put("memTotal", firstLine(Path.of("/proc/meminfo")));
    machine.put("cpuModel", cpuModel());
    machine.put(
        "javaVersion",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("loadAverageAtStart", loadAverage());
    return machine;
  }

  static String loadAverage() {
    return firstLine(Path.of("/proc/loadavg"));
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String firstLine(Path file) {
    try {
      return Files.readAllLines(file).get(0).trim();
    } catch (IOException | IndexOutOfBoundsException e) {
      return "?";
    }
  }
}
