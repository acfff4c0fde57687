package io.github.py2sfn.tasktools;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event while open, with chosen loggers turned up to a level, and restores the
 * levels afterwards.
 */
public final class LogCapture implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Map<Logger, Level> previousLevels = new HashMap<>();
  private final Logger root;

  /**
   * Starts capturing.
   *
   * @param level the level to set on each logger
   * @param loggerNames the loggers to turn up, e.g. {@code io.github.py2sfn}
   */
  public LogCapture(Level level, String... loggerNames) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (String name : loggerNames) {
      Logger logger = context.getLogger(name);
      previousLevels.put(logger, logger.getLevel());
      logger.setLevel(level);
    }
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
  }

  /** Returns the events captured so far. */
  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** Returns each event as a line: logger, formatted message, MDC and stack trace. */
  public List<String> lines() {
    return events().stream()
        .map(
            event ->
                event.getLoggerName()
                    + " "
                    + event.getFormattedMessage()
                    + " "
                    + event.getMDCPropertyMap()
                    + (event.getThrowableProxy() != null
                        ? " " + ThrowableProxyUtil.asString(event.getThrowableProxy())
                        : ""))
        .toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    previousLevels.forEach(Logger::setLevel);
  }
}
