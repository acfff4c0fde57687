/** Auto-configuration of the {@link io.github.py2sfn.tasktools.state.StateDataClient}. */
@NullMarked
package io.github.py2sfn.tasktools.autoconfigure.state;

import org.jspecify.annotations.NullMarked;
