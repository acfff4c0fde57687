package io.github.py2sfn.tasktools.localrunner.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the ASL definition of a {@link
 * io.github.py2sfn.tasktools.localrunner.LocalStateMachineRunner} parameter that {@link
 * LocalStateMachineExtension} resolves.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StateMachineDefinition {

  /**
   * The definition's classpath resource, e.g. {@code statemachine/order.asl.json}.
   *
   * @return the resource
   */
  String value();

  /**
   * Whether Wait states and Retry intervals are recorded without sleeping.
   *
   * @return true to skip waiting (the default)
   */
  boolean skipWaits() default true;
}
