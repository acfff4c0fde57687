/**
 * An Actuator health indicator for the state data table and bucket, auto-configured when Spring
 * Boot's health support is present.
 */
@NullMarked
package io.github.py2sfn.tasktools.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
