package io.github.py2sfn.tasktools.test.emulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that takes {@link AwsEmulator} or {@link StateDataResources} parameters.
 *
 * <p>The class is tagged {@code aws-emulator}, so that builds can run it apart from the tests that
 * need no emulator (this project's build runs those first). Tag a test that starts an emulator
 * without this annotation ({@link AwsEmulators#shared()}) with {@code @Tag("aws-emulator")}.
 *
 * @see AwsEmulatorExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("aws-emulator")
@ExtendWith(AwsEmulatorExtension.class)
public @interface AwsEmulatorTest {}
