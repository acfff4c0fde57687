/**
 * The sample application: a catalog-pricing workflow of Spring Cloud Function tasks that uses every
 * feature of py2sfn-task-tools.
 */
@NullMarked
package io.github.py2sfn.sample;

import org.jspecify.annotations.NullMarked;
