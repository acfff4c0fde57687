/** The ASL interpreter behind the local state-machine runner; not API. */
@NullMarked
package io.github.py2sfn.tasktools.test.runner.internal;

import org.jspecify.annotations.NullMarked;
