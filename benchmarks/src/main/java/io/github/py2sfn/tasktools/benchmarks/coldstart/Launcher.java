package io.github.py2sfn.tasktools.benchmarks.coldstart;

import io.github.py2sfn.tasktools.test.emulator.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * A cold start, as on Lambda: in a fresh JVM, creates the AWS adapter's {@link FunctionInvoker}
 * (which starts the Spring application named by {@code MAIN_CLASS}) and sends it one event through
 * {@code handleRequest}, then prints one line {@code COLDSTART {...}} with epoch milliseconds of
 * JVM start, main entry, invoker ready and response, the heap used right after the response (and
 * after a full GC), and the classes loaded. JMX is only touched after the response, so its class
 * loading is not counted. Settings come as system properties (see ColdStart in the harness).
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    long mainEntered = System.currentTimeMillis();
    byte[] event = Files.readAllBytes(Path.of(System.getProperty("bench.event.file")));
    FunctionInvoker invoker = new FunctionInvoker();
    long invokerReady = System.currentTimeMillis();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    invoker.handleRequest(
        new ByteArrayInputStream(event),
        output,
        new LocalLambdaContext(
            System.getProperty("spring.cloud.function.definition", "function"),
            System.getProperty("py2sfn.region", "us-east-1"),
            System.getProperty("py2sfn.account-id", "123456789012")));
    long responded = System.currentTimeMillis();

    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    System.gc();
    MemoryUsage heapAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    String response = output.toString(StandardCharsets.UTF_8);
    System.out.println("RESPONSE " + response.replace('\n', ' '));
    System.out.println(
        "COLDSTART {\"jvmStart\":"
            + jvmStart
            + ",\"mainEntered\":"
            + mainEntered
            + ",\"invokerReady\":"
            + invokerReady
            + ",\"responded\":"
            + responded
            + ",\"heapUsed\":"
            + heap.getUsed()
            + ",\"heapCommitted\":"
            + heap.getCommitted()
            + ",\"heapUsedAfterGc\":"
            + heapAfterGc.getUsed()
            + ",\"loadedClasses\":"
            + classes
            + "}");
    System.out.flush();
    System.exit(0);
  }
}
