package io.github.py2sfn.tasktools.test.emulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that takes {@link AwsEmulator} or {@link StateDataResources} parameters.
 *
 * @see AwsEmulatorExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(AwsEmulatorExtension.class)
public @interface AwsEmulatorTest {}
