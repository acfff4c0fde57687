/** Runs state machines against the Spring Cloud Function beans of an application context. */
@NullMarked
package io.github.py2sfn.tasktools.localrunner.spring;

import org.jspecify.annotations.NullMarked;
